"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var CommandCommitter_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.CommandCommitter = void 0;
exports.heartbeatOf = heartbeatOf;
const common_1 = require("@nestjs/common");
const deadline_1 = require("../resilience/deadline");
const command_consumer_status_1 = require("../kafka/command-consumer.status");
const offset_tracker_1 = require("./offset-tracker");
const MAX_IN_FLIGHT = 2000;
const DRAIN_TIMEOUT_MS = 5000;
let CommandCommitter = CommandCommitter_1 = class CommandCommitter {
    consumer;
    logger = new common_1.Logger(CommandCommitter_1.name);
    tracker = new offset_tracker_1.OffsetTracker();
    unsettled = new Set();
    committing = new Map();
    latest = new Map();
    waiters = [];
    constructor(consumer) {
        this.consumer = consumer;
    }
    async track(context, work) {
        const topic = context.getTopic();
        const partition = context.getPartition();
        const offset = BigInt(context.getMessage().offset);
        const consumer = context.getConsumer();
        this.tracker.begin(topic, partition, offset);
        const settled = work.then(() => {
            const next = this.tracker.finish(topic, partition, offset);
            if (next !== null)
                this.commit(topic, partition, { consumer, offset: next });
        }, (error) => {
            this.logger.warn(`${topic}[${partition}]@${offset} left uncommitted: ${error.message}`);
        });
        this.unsettled.add(settled);
        void settled.finally(() => {
            this.unsettled.delete(settled);
            this.waiters.shift()?.();
        });
        while (this.unsettled.size >= MAX_IN_FLIGHT) {
            await new Promise((resolve) => this.waiters.push(resolve));
        }
    }
    commit(topic, partition, commit) {
        const key = `${partition}:${topic}`;
        this.latest.set(key, commit);
        if (this.committing.has(key))
            return;
        const run = async () => {
            for (let next = this.latest.get(key); next; next = this.latest.get(key)) {
                this.latest.delete(key);
                try {
                    await next.consumer.commitOffsets([{ topic, partition, offset: next.offset.toString() }]);
                }
                catch (error) {
                    this.logger.warn(`commit of ${topic}[${partition}]@${next.offset} failed: ${error.message}`);
                }
            }
            this.committing.delete(key);
        };
        this.committing.set(key, run());
    }
    async beforeApplicationShutdown() {
        this.consumer.pause?.();
        const drained = (async () => {
            while (this.unsettled.size > 0)
                await Promise.allSettled([...this.unsettled]);
            while (this.committing.size > 0)
                await Promise.allSettled([...this.committing.values()]);
        })();
        await (0, deadline_1.settledWithin)(drained, DRAIN_TIMEOUT_MS);
    }
};
exports.CommandCommitter = CommandCommitter;
exports.CommandCommitter = CommandCommitter = CommandCommitter_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [command_consumer_status_1.CommandConsumerStatus])
], CommandCommitter);
function heartbeatOf(context) {
    return () => {
        context
            .getHeartbeat()()
            .catch(() => undefined);
    };
}
//# sourceMappingURL=command-committer.js.map