"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readPartitions = readPartitions;
const kafkajs_fetch_1 = require("./kafkajs-fetch");
const backoff_1 = require("../resilience/backoff");
const METADATA_CHECK_MS = 30_000;
const MAX_BYTES_PER_PARTITION = 1_048_576;
const MAX_BYTES = 10_485_760;
const STALE_METADATA = new Set([
    'LEADER_NOT_AVAILABLE',
    'NOT_LEADER_FOR_PARTITION',
    'FENCED_LEADER_EPOCH',
    'UNKNOWN_LEADER_EPOCH',
    'UNKNOWN_TOPIC_OR_PARTITION',
]);
const RECONNECT = new Set([
    'KafkaJSConnectionError',
    'KafkaJSConnectionClosedError',
    'KafkaJSBrokerNotFound',
    'KafkaJSTopicMetadataNotLoaded',
    'KafkaJSRequestTimeoutError',
]);
const MAX_RECOVERIES = 10;
class Regroup extends Error {
}
async function readPartitions(cluster, options) {
    const { topic, signal } = options;
    const offsets = new Map();
    let recoveries = 0;
    const partitionsByLeader = async (metadata) => {
        if (metadata.length === 0) {
            throw Object.assign(new Error(`topic ${topic} has no partitions`), {
                type: 'UNKNOWN_TOPIC_OR_PARTITION',
            });
        }
        const unknown = [];
        for (const { partitionId } of metadata) {
            if (offsets.has(partitionId))
                continue;
            const start = options.startAt(partitionId);
            if (start === undefined)
                unknown.push(partitionId);
            else
                offsets.set(partitionId, start);
        }
        if (unknown.length > 0)
            await resetToFirst(unknown);
        const byLeader = new Map();
        for (const { partitionId, leader } of metadata) {
            const partitions = byLeader.get(leader);
            if (partitions === undefined)
                byLeader.set(leader, [partitionId]);
            else
                partitions.push(partitionId);
        }
        return byLeader;
    };
    const resetToFirst = async (partitions) => {
        const [first] = await cluster.fetchTopicsOffset([
            { topic, partitions: partitions.map((partition) => ({ partition })), fromBeginning: true },
        ]);
        for (const { partition, offset } of first?.partitions ?? []) {
            offsets.set(partition, Number(offset));
        }
    };
    const fetchFrom = async (leader, partitions, layout, regroup) => {
        const broker = await cluster.findBroker({ nodeId: String(leader) });
        let checkAt = Date.now() + METADATA_CHECK_MS;
        while (!signal.aborted && !regroup.signal.aborted) {
            const asked = partitions.map((partition) => ({
                partition,
                fetchOffset: String(offsets.get(partition)),
                maxBytes: MAX_BYTES_PER_PARTITION,
            }));
            const { responses } = await broker.fetch({
                maxWaitTime: options.maxWaitMs,
                minBytes: 1,
                maxBytes: MAX_BYTES,
                isolationLevel: kafkajs_fetch_1.READ_COMMITTED,
                topics: [{ topic, partitions: asked }],
            });
            recoveries = 0;
            for (const response of responses) {
                for (const data of response.partitions) {
                    if (data.nextOffset === null)
                        continue;
                    const nextOffset = Math.max(data.nextOffset, offsets.get(data.partition));
                    offsets.set(data.partition, nextOffset);
                    if (signal.aborted)
                        return;
                    await options.onBatch({
                        partition: data.partition,
                        messages: data.messages,
                        nextOffset,
                        highWatermark: data.highWatermark,
                    });
                }
            }
            options.onFetch?.();
            if (Date.now() >= checkAt) {
                checkAt = Date.now() + METADATA_CHECK_MS;
                await cluster.refreshMetadata();
                if (layoutOf(cluster.findTopicPartitionMetadata(topic)) !== layout)
                    throw new Regroup();
            }
        }
    };
    const recover = async (error) => {
        if (error instanceof Regroup)
            return;
        if (++recoveries > MAX_RECOVERIES)
            throw error;
        if (error.name === 'KafkaJSOffsetOutOfRange' && error.partition !== undefined) {
            await resetToFirst([error.partition]);
            return;
        }
        if (STALE_METADATA.has(error.type ?? '') || RECONNECT.has(error.name) || error.retriable) {
            await (0, backoff_1.sleep)((0, backoff_1.backoffDelay)(recoveries, 200, 5_000), signal);
            await cluster.refreshMetadata().catch(() => undefined);
            return;
        }
        throw error;
    };
    await cluster.connect();
    try {
        await cluster.addTargetTopic(topic);
        while (!signal.aborted) {
            const regroup = new AbortController();
            try {
                const metadata = cluster.findTopicPartitionMetadata(topic);
                const layout = layoutOf(metadata);
                const byLeader = await partitionsByLeader(metadata);
                const loops = await Promise.allSettled([...byLeader].map(([leader, partitions]) => fetchFrom(leader, partitions, layout, regroup).catch((error) => {
                    regroup.abort();
                    throw error;
                })));
                const failed = loops.find((loop) => loop.status === 'rejected');
                if (failed !== undefined)
                    throw failed.reason;
            }
            catch (error) {
                await recover(error);
            }
        }
    }
    finally {
        await cluster.disconnect().catch(() => undefined);
    }
}
function layoutOf(metadata) {
    return metadata
        .map((p) => `${p.partitionId}@${p.leader}`)
        .sort()
        .join(',');
}
//# sourceMappingURL=partition-reader.js.map