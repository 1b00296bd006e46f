"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CatchUp = void 0;
class CatchUp {
    targets = new Map();
    positions = new Map();
    highs = new Map();
    reached = false;
    constructor(ends) {
        for (const { partition, low, high } of ends) {
            this.targets.set(partition, high);
            this.positions.set(partition, low);
            this.highs.set(partition, high);
        }
        this.check();
    }
    advance(partition, next, high) {
        this.positions.set(partition, Math.max(next, this.positions.get(partition) ?? 0));
        this.highs.set(partition, Math.max(high, this.highs.get(partition) ?? 0));
        this.check();
    }
    position(partition) {
        return this.positions.get(partition) ?? 0;
    }
    get done() {
        return this.reached;
    }
    get lag() {
        let lag = 0;
        for (const [partition, high] of this.highs) {
            lag += Math.max(0, high - (this.positions.get(partition) ?? 0));
        }
        return lag;
    }
    check() {
        if (this.reached)
            return;
        for (const [partition, target] of this.targets) {
            if ((this.positions.get(partition) ?? 0) < target)
                return;
        }
        this.reached = true;
    }
}
exports.CatchUp = CatchUp;
//# sourceMappingURL=catch-up.js.map