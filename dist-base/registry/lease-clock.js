"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LeaseClock = exports.LEASE_CLOCK_GRACE_MS = void 0;
exports.LEASE_CLOCK_GRACE_MS = 2_000;
class LeaseClock {
    lastInSyncAt = null;
    lease = 0;
    accountedTo = 0;
    heldAt = null;
    markInSync(now) {
        if (this.lastInSyncAt === null) {
            this.lease = now;
            this.accountedTo = now;
        }
        else if (now - this.lastInSyncAt >= exports.LEASE_CLOCK_GRACE_MS) {
            this.advance(this.lastInSyncAt + exports.LEASE_CLOCK_GRACE_MS);
            this.accountedTo = Math.max(this.accountedTo, now);
        }
        this.lastInSyncAt = Math.max(this.lastInSyncAt ?? now, now);
    }
    inSync(now) {
        return this.lastInSyncAt !== null && now - this.lastInSyncAt < exports.LEASE_CLOCK_GRACE_MS;
    }
    read(now) {
        if (this.lastInSyncAt !== null) {
            this.advance(Math.min(now, this.lastInSyncAt + exports.LEASE_CLOCK_GRACE_MS, this.heldAt ?? Infinity));
        }
        return this.lease;
    }
    hold(at) {
        this.advance(at);
        this.heldAt = at;
    }
    release(now) {
        this.heldAt = null;
        this.lease = Math.max(this.lease, now);
        this.accountedTo = Math.max(this.accountedTo, now);
    }
    advance(until) {
        if (until <= this.accountedTo)
            return;
        const elapsed = until - this.accountedTo;
        this.lease = Math.max(this.lease, Math.min(this.lease + 2 * elapsed, until));
        this.accountedTo = until;
    }
}
exports.LeaseClock = LeaseClock;
//# sourceMappingURL=lease-clock.js.map