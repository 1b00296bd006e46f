"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PendingTombstones = void 0;
class PendingTombstones {
    pending = new Map();
    due(expired) {
        const due = expired.filter((r) => this.pending.get(r.applicationUuid) !== r.expiresAt);
        for (const r of due)
            this.pending.set(r.applicationUuid, r.expiresAt);
        return due;
    }
    settle(current) {
        for (const [id, expiresAt] of this.pending) {
            if (current(id)?.expiresAt !== expiresAt)
                this.pending.delete(id);
        }
    }
    get size() {
        return this.pending.size;
    }
}
exports.PendingTombstones = PendingTombstones;
//# sourceMappingURL=pending-tombstones.js.map