"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RenewalCoalescer = exports.RECENT_WRITE_MS = void 0;
const target_view_1 = require("./target-view");
exports.RECENT_WRITE_MS = 30_000;
class RenewalCoalescer {
    windowMs;
    recent = new Map();
    constructor(windowMs = exports.RECENT_WRITE_MS) {
        this.windowMs = windowMs;
    }
    covering(request, viewed, now, viewTrusted) {
        if (!viewTrusted || viewed === undefined || !covers(viewed, request))
            return null;
        this.prune(now);
        const mine = this.recent.get(request.registration.applicationUuid);
        if (mine !== undefined && (mine.value === null || !covers(mine.value, request)))
            return null;
        return viewed;
    }
    wrote(applicationUuid, value, now) {
        this.recent.delete(applicationUuid);
        this.recent.set(applicationUuid, { value, at: now });
        this.prune(now);
    }
    get remembered() {
        return this.recent.size;
    }
    prune(now) {
        for (const [key, { at }] of this.recent) {
            if (now - at < this.windowMs)
                break;
            this.recent.delete(key);
        }
    }
}
exports.RenewalCoalescer = RenewalCoalescer;
function covers(stored, { registration, requestedUntil }) {
    if (!(0, target_view_1.sameServedFields)(stored, registration))
        return false;
    if (requestedUntil === null)
        return stored.expiresAt === null;
    return stored.expiresAt !== null && stored.expiresAt >= requestedUntil;
}
//# sourceMappingURL=renewals.js.map