"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TargetView = void 0;
exports.isExpired = isExpired;
exports.sameServedFields = sameServedFields;
const sd_target_group_1 = require("../target/sd-target-group");
class TargetView {
    byId = new Map();
    sorted = null;
    changes = 0;
    judgedAt = -Infinity;
    nextExpiry = Infinity;
    get version() {
        return this.changes;
    }
    get size() {
        return this.byId.size;
    }
    get(applicationUuid) {
        return this.byId.get(applicationUuid);
    }
    put(registration) {
        const previous = this.byId.get(registration.applicationUuid);
        this.byId.set(registration.applicationUuid, registration);
        const { expiresAt } = registration;
        const live = !isExpired(registration, this.judgedAt);
        if (live && expiresAt !== null && expiresAt < this.nextExpiry)
            this.nextExpiry = expiresAt;
        if (previous === undefined) {
            this.sorted = null;
            this.changes++;
            return;
        }
        if (this.sorted !== null)
            this.sorted[this.indexOf(registration.applicationUuid)] = registration;
        if (live === isExpired(previous, this.judgedAt) || !sameServedFields(previous, registration)) {
            this.changes++;
        }
    }
    delete(applicationUuid) {
        if (this.byId.delete(applicationUuid)) {
            this.sorted = null;
            this.changes++;
        }
    }
    judge(now) {
        if (now <= this.judgedAt)
            return;
        const before = this.judgedAt;
        this.judgedAt = now;
        if (now < this.nextExpiry)
            return;
        let ranOut = false;
        let next = Infinity;
        for (const { expiresAt } of this.byId.values()) {
            if (expiresAt === null || expiresAt <= before)
                continue;
            if (expiresAt <= now)
                ranOut = true;
            else if (expiresAt < next)
                next = expiresAt;
        }
        this.nextExpiry = next;
        if (ranOut)
            this.changes++;
    }
    all() {
        if (this.sorted === null) {
            this.sorted = [...this.byId.values()].sort((a, b) => (0, sd_target_group_1.compareIds)(a.applicationUuid, b.applicationUuid));
        }
        return this.sorted;
    }
    live(now) {
        return this.all().filter((r) => !isExpired(r, now));
    }
    expired(now) {
        return this.all().filter((r) => isExpired(r, now));
    }
    indexOf(applicationUuid) {
        const sorted = this.sorted;
        let low = 0;
        let high = sorted.length - 1;
        while (low < high) {
            const middle = (low + high) >>> 1;
            if ((0, sd_target_group_1.compareIds)(sorted[middle].applicationUuid, applicationUuid) < 0)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }
}
exports.TargetView = TargetView;
function isExpired(registration, now) {
    return registration.expiresAt !== null && registration.expiresAt <= now;
}
function sameServedFields(a, b) {
    if (a.host !== b.host || a.port !== b.port || a.path !== b.path || a.scheme !== b.scheme)
        return false;
    const aKeys = Object.keys(a.labels);
    if (aKeys.length !== Object.keys(b.labels).length)
        return false;
    for (const key of aKeys) {
        if (!Object.hasOwn(b.labels, key) || a.labels[key] !== b.labels[key])
            return false;
    }
    return true;
}
//# sourceMappingURL=target-view.js.map