"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ExpiryBrake = void 0;
exports.isOverdue = isOverdue;
function isOverdue(registration, now) {
    const { expiresAt, updatedAt } = registration;
    if (expiresAt === null || updatedAt === null || expiresAt <= updatedAt)
        return false;
    return now - updatedAt > ((expiresAt - updatedAt) * 2) / 3;
}
class ExpiryBrake {
    settings;
    engagedAt = null;
    armed = true;
    constructor(settings) {
        this.settings = settings;
    }
    get engaged() {
        return this.engagedAt !== null;
    }
    get since() {
        return this.engagedAt;
    }
    evaluate(registrations, now) {
        let overdue = 0;
        for (const registration of registrations)
            if (isOverdue(registration, now))
                overdue++;
        const total = registrations.length;
        const over = total >= this.settings.minTargets && overdue > this.settings.share * total;
        if (this.engagedAt === null) {
            if (!over) {
                this.armed = true;
                return null;
            }
            if (!this.armed)
                return null;
            this.engagedAt = now;
            return { engaged: true, overdue, of: total };
        }
        if (!over) {
            this.engagedAt = null;
            return { engaged: false, reason: 'renewals resumed' };
        }
        if (now - this.engagedAt >= this.settings.holdLimitMs) {
            this.engagedAt = null;
            this.armed = false;
            return {
                engaged: false,
                reason: `held for the limit of ${this.settings.holdLimitMs / 1000} s`,
            };
        }
        return null;
    }
}
exports.ExpiryBrake = ExpiryBrake;
//# sourceMappingURL=expiry-brake.js.map