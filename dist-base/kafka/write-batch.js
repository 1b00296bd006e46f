"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_BATCH_BYTES = exports.MAX_BATCH_RECORDS = void 0;
exports.sizeOf = sizeOf;
exports.takeBatch = takeBatch;
exports.topicMessagesOf = topicMessagesOf;
exports.MAX_BATCH_RECORDS = 1000;
exports.MAX_BATCH_BYTES = 512 * 1024;
function sizeOf(messages) {
    let bytes = 0;
    for (const m of messages)
        bytes += (m.value?.length ?? 0) + (m.key?.length ?? 0) + 64;
    return bytes;
}
function takeBatch(queue, maxRecords = exports.MAX_BATCH_RECORDS, maxBytes = exports.MAX_BATCH_BYTES) {
    const batch = [];
    let records = 0;
    let bytes = 0;
    while (queue.length > 0) {
        const next = queue[0];
        const fits = records + next.messages.length <= maxRecords && bytes + next.bytes <= maxBytes;
        if (batch.length > 0 && !fits)
            break;
        batch.push(queue.shift());
        records += next.messages.length;
        bytes += next.bytes;
    }
    return batch;
}
function topicMessagesOf(batch) {
    const byTopic = new Map();
    for (const write of batch) {
        const messages = byTopic.get(write.topic) ?? [];
        messages.push(...write.messages);
        byTopic.set(write.topic, messages);
    }
    return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
//# sourceMappingURL=write-batch.js.map