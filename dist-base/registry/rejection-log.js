"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RejectionLog = exports.REJECTION_WINDOW = void 0;
exports.rejectionOf = rejectionOf;
const target_rules_1 = require("../target/target.rules");
const record_headers_1 = require("./record-headers");
exports.REJECTION_WINDOW = { maxAgeMs: 24 * 3_600_000, perPartition: 10_000 };
const MAX_TEXT = 1024;
const MAX_PARSED_VALUE = 64 * 1024;
function text(value) {
    if (value === null || value === undefined)
        return null;
    const full = typeof value === 'string' ? value : value.toString('utf8');
    return full.length > MAX_TEXT ? `${full.slice(0, MAX_TEXT)}…` : full;
}
function header(headers, name) {
    return text((0, record_headers_1.headerText)(headers?.[name]));
}
function valueId(value) {
    if (value === null || value.length > MAX_PARSED_VALUE)
        return null;
    try {
        const parsed = JSON.parse(value.toString('utf8'));
        if (typeof parsed !== 'object' || parsed === null)
            return null;
        const id = parsed.applicationUuid;
        return typeof id === 'string' && target_rules_1.APPLICATION_UUID.test(id) ? id : null;
    }
    catch {
        return null;
    }
}
function rejectionOf(partition, message) {
    const key = text(message.key);
    const ids = new Set();
    if (key !== null && target_rules_1.APPLICATION_UUID.test(key))
        ids.add(key);
    const named = valueId(message.value);
    if (named !== null)
        ids.add(named);
    const sourcePartition = header(message.headers, 'x-source-partition');
    return {
        at: Number(message.timestamp),
        partition,
        offset: message.offset,
        key,
        applicationUuids: [...ids],
        reason: header(message.headers, 'x-error') ?? '(no x-error header)',
        sourceTopic: header(message.headers, 'x-source-topic'),
        sourcePartition: sourcePartition !== null && /^\d{1,10}$/.test(sourcePartition)
            ? Number(sourcePartition)
            : null,
        sourceOffset: header(message.headers, 'x-source-offset'),
    };
}
class Ring {
    capacity;
    items = [];
    next = 0;
    constructor(capacity) {
        this.capacity = capacity;
    }
    get full() {
        return this.items.length === this.capacity;
    }
    push(item) {
        if (this.items.length < this.capacity)
            this.items.push(item);
        else
            this.items[this.next] = item;
        this.next = (this.next + 1) % this.capacity;
    }
    *newest() {
        const n = this.items.length;
        const end = this.items.length < this.capacity ? n : this.next;
        for (let i = 1; i <= n; i++)
            yield this.items[(end - i + n) % n];
    }
    oldest() {
        return this.items.length < this.capacity ? this.items[0] : this.items[this.next];
    }
}
class RejectionLog {
    window;
    partitions = new Map();
    constructor(window = exports.REJECTION_WINDOW) {
        this.window = window;
    }
    add(rejection) {
        let ring = this.partitions.get(rejection.partition);
        if (ring === undefined) {
            ring = new Ring(this.window.perPartition);
            this.partitions.set(rejection.partition, ring);
        }
        ring.push(rejection);
    }
    recent(now, limit) {
        const all = [];
        for (const ring of this.partitions.values()) {
            let taken = 0;
            for (const r of ring.newest()) {
                if (taken >= limit || now - r.at > this.window.maxAgeMs)
                    break;
                all.push(r);
                taken++;
            }
        }
        return all.sort(newestFirst).slice(0, limit);
    }
    last(applicationUuid, now) {
        let found = null;
        for (const ring of this.partitions.values()) {
            for (const r of ring.newest()) {
                if (now - r.at > this.window.maxAgeMs)
                    break;
                if (r.applicationUuids.includes(applicationUuid)) {
                    if (found === null || newestFirst(r, found) < 0)
                        found = r;
                    break;
                }
            }
        }
        return found;
    }
    countSince(since) {
        let count = 0;
        let atLeast = false;
        for (const ring of this.partitions.values()) {
            for (const r of ring.newest()) {
                if (r.at < since)
                    break;
                count++;
            }
            const oldest = ring.oldest();
            if (ring.full && oldest !== undefined && oldest.at >= since)
                atLeast = true;
        }
        return { count, atLeast };
    }
}
exports.RejectionLog = RejectionLog;
function newestFirst(a, b) {
    return b.at - a.at || (a.partition === b.partition ? Number(b.offset) - Number(a.offset) : 0);
}
//# sourceMappingURL=rejection-log.js.map