"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.StateHistory = exports.REMOVAL_WINDOW = exports.LEASE_TTL_HEADER = exports.LEASE_EXPIRES_AT_HEADER = exports.REMOVED_BY_HEADER = void 0;
exports.deregisterHeaders = deregisterHeaders;
exports.ttlSecondsOf = ttlSecondsOf;
exports.expiryHeaders = expiryHeaders;
exports.removalOf = removalOf;
const record_headers_1 = require("./record-headers");
exports.REMOVED_BY_HEADER = 'x-removed-by';
exports.LEASE_EXPIRES_AT_HEADER = 'x-lease-expires-at';
exports.LEASE_TTL_HEADER = 'x-lease-ttl-seconds';
exports.REMOVAL_WINDOW = { maxAgeMs: 3_600_000, maxRemovals: 10_000 };
const RATE_MINUTES = 60;
const MINUTE_MS = 60_000;
function deregisterHeaders() {
    return { [exports.REMOVED_BY_HEADER]: 'deregister' };
}
function ttlSecondsOf(registration, leaseSlack) {
    const { expiresAt, updatedAt } = registration;
    if (expiresAt === null || updatedAt === null || expiresAt <= updatedAt)
        return null;
    return Math.round((expiresAt - updatedAt) / 1000 / (1 + leaseSlack));
}
function expiryHeaders(registration, leaseSlack) {
    const headers = { [exports.REMOVED_BY_HEADER]: 'expiry' };
    if (registration.expiresAt !== null) {
        headers[exports.LEASE_EXPIRES_AT_HEADER] = String(registration.expiresAt);
    }
    const ttl = ttlSecondsOf(registration, leaseSlack);
    if (ttl !== null)
        headers[exports.LEASE_TTL_HEADER] = String(ttl);
    return headers;
}
function headerNumber(value) {
    const text = (0, record_headers_1.headerText)(value);
    return text !== null && /^\d{1,16}$/.test(text) ? Number(text) : null;
}
function removalOf(applicationUuid, headers, at) {
    const by = (0, record_headers_1.headerText)(headers?.[exports.REMOVED_BY_HEADER]);
    const cause = by === 'deregister' ? 'deregistered' : by === 'expiry' ? 'expired' : 'deleted';
    const expired = cause === 'expired';
    return {
        applicationUuid,
        at,
        cause,
        expiresAt: expired ? headerNumber(headers?.[exports.LEASE_EXPIRES_AT_HEADER]) : null,
        ttlSeconds: expired ? headerNumber(headers?.[exports.LEASE_TTL_HEADER]) : null,
        reason: null,
    };
}
class StateHistory {
    window;
    removals = new Map();
    writesByMinute = new Map();
    constructor(window = exports.REMOVAL_WINDOW) {
        this.window = window;
    }
    observe(record, headers, timestamp) {
        if (record.kind === 'invalid')
            return;
        this.countWrite(timestamp);
        if (record.kind === 'put') {
            this.removals.delete(record.registration.applicationUuid);
        }
        else if (record.kind === 'delete') {
            this.remember(removalOf(record.applicationUuid, headers, timestamp));
        }
        else {
            this.remember({
                applicationUuid: record.applicationUuid,
                at: timestamp,
                cause: 'denied',
                expiresAt: null,
                ttlSeconds: null,
                reason: record.reason,
            });
        }
    }
    removal(applicationUuid, now) {
        const removal = this.removals.get(applicationUuid);
        return removal !== undefined && now - removal.at <= this.window.maxAgeMs ? removal : null;
    }
    writesPerMinute(now, minutes = 5) {
        const span = Math.min(Math.max(1, minutes), RATE_MINUTES);
        const current = Math.floor(now / MINUTE_MS);
        let total = 0;
        for (let m = current - span + 1; m <= current; m++)
            total += this.writesByMinute.get(m) ?? 0;
        const elapsed = span - 1 + (now - current * MINUTE_MS) / MINUTE_MS;
        return total / Math.max(elapsed, 1);
    }
    remember(removal) {
        this.removals.delete(removal.applicationUuid);
        this.removals.set(removal.applicationUuid, removal);
        while (this.removals.size > this.window.maxRemovals) {
            const oldest = this.removals.keys().next().value;
            this.removals.delete(oldest);
        }
    }
    countWrite(timestamp) {
        const minute = Math.floor(timestamp / MINUTE_MS);
        this.writesByMinute.set(minute, (this.writesByMinute.get(minute) ?? 0) + 1);
        if (this.writesByMinute.size > RATE_MINUTES + 1) {
            const newest = Math.max(...this.writesByMinute.keys());
            for (const m of this.writesByMinute.keys()) {
                if (m <= newest - RATE_MINUTES)
                    this.writesByMinute.delete(m);
            }
        }
    }
}
exports.StateHistory = StateHistory;
//# sourceMappingURL=state-history.js.map