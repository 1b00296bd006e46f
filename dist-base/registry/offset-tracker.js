"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OffsetTracker = void 0;
class OffsetTracker {
    partitions = new Map();
    static key(topic, partition) {
        return `${partition}:${topic}`;
    }
    begin(topic, partition, offset) {
        const key = OffsetTracker.key(topic, partition);
        let progress = this.partitions.get(key);
        const last = progress?.inFlight[progress.inFlight.length - 1];
        if (!progress || (last !== undefined && offset <= last)) {
            progress = { inFlight: [], finished: new Set() };
            this.partitions.set(key, progress);
        }
        progress.inFlight.push(offset);
    }
    finish(topic, partition, offset) {
        const progress = this.partitions.get(OffsetTracker.key(topic, partition));
        if (!progress || !progress.inFlight.includes(offset))
            return null;
        progress.finished.add(offset);
        let released = null;
        while (progress.inFlight.length > 0 && progress.finished.has(progress.inFlight[0])) {
            released = progress.inFlight.shift();
            progress.finished.delete(released);
        }
        return released === null ? null : released + 1n;
    }
}
exports.OffsetTracker = OffsetTracker;
//# sourceMappingURL=offset-tracker.js.map