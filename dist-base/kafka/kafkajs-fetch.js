"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.READ_COMMITTED = void 0;
exports.kafkajsInternals = kafkajsInternals;
exports.sendRequestOf = sendRequestOf;
exports.kafkajsClusterOf = kafkajsClusterOf;
exports.clusterOf = clusterOf;
exports.fetcherOf = fetcherOf;
const fetch_response_1 = require("./fetch-response");
const FETCH_API_KEY = 1;
const FETCH_V11 = 11;
exports.READ_COMMITTED = 1;
let loaded;
function kafkajsInternals() {
    if (loaded !== undefined)
        return loaded;
    const Decoder = require('kafkajs/src/protocol/decoder');
    const decodeMessageSet = require('kafkajs/src/protocol/messageSet/decoder');
    const compression = require('kafkajs/src/protocol/message/compression');
    loaded = {
        fetchRequests: require('kafkajs/src/protocol/requests/fetch'),
        parseFetch: require('kafkajs/src/protocol/requests/fetch/v11/response').parse,
        codecOf: (attributes) => compression.lookupCodecByAttributes(attributes),
        errorOf: require('kafkajs/src/protocol/error')
            .createErrorFromCode,
        decodeMessageSet: (bytes) => decodeMessageSet(new Decoder(bytes), bytes.length),
        Batch: require('kafkajs/src/consumer/batch'),
    };
    return loaded;
}
function sendRequestOf(broker) {
    const prototype = Object.getPrototypeOf(broker);
    const symbol = Object.getOwnPropertySymbols(prototype).find((s) => s.description === 'private:Broker:sendRequest');
    const send = symbol === undefined ? undefined : prototype[symbol];
    return typeof send === 'function' ? send : undefined;
}
function kafkajsClusterOf(kafka) {
    const create = Object.getOwnPropertySymbols(kafka).find((symbol) => symbol.description === 'private:Kafka:createCluster');
    if (create === undefined) {
        throw new Error('kafkajs has changed: a client no longer makes its cluster as 2.2.4 does');
    }
    const factory = kafka[create];
    return factory({ allowAutoTopicCreation: false, isolationLevel: exports.READ_COMMITTED });
}
function clusterOf(kafka) {
    const cluster = kafkajsClusterOf(kafka);
    return {
        connect: () => cluster.connect(),
        disconnect: () => cluster.disconnect(),
        addTargetTopic: (topic) => cluster.addTargetTopic(topic),
        refreshMetadata: () => cluster.refreshMetadata(),
        findTopicPartitionMetadata: (topic) => cluster.findTopicPartitionMetadata(topic),
        fetchTopicsOffset: (topics) => cluster.fetchTopicsOffset(topics),
        findBroker: async (args) => fetcherOf(await cluster.findBroker(args)),
    };
}
function fetcherOf(broker) {
    const internals = kafkajsInternals();
    const send = sendRequestOf(broker);
    return {
        fetch: async (args) => {
            const [{ topic, partitions }] = args.topics;
            const offsets = new Map(partitions.map((p) => [p.partition, Number(p.fetchOffset)]));
            const protocol = broker.lookupRequest(FETCH_API_KEY, internals.fetchRequests)({
                ...args,
                topics: [{ topic, partitions: shuffled(partitions) }],
            });
            if (send === undefined || protocol.request.apiVersion !== FETCH_V11) {
                return fromKafkajs(topic, await broker.fetch(args), offsets);
            }
            const response = (await send.call(broker, {
                ...protocol,
                response: {
                    decode: (raw) => (0, fetch_response_1.decodeFetchResponse)(raw, offsets, internals.codecOf),
                    parse: (data) => {
                        const { errorCode } = data;
                        if (errorCode !== 0)
                            throw internals.errorOf(errorCode);
                        return internals.parseFetch(data);
                    },
                },
            }));
            for (const { partitions: fetched } of response.responses) {
                for (const data of fetched) {
                    if (data.legacy === undefined)
                        continue;
                    const messages = await internals.decodeMessageSet(data.legacy);
                    Object.assign(data, filtered(topic, data, [], messages, offsets), { legacy: undefined });
                }
            }
            return response;
        },
    };
}
function fromKafkajs(topic, response, offsets) {
    return {
        responses: response.responses.map(({ partitions }) => ({
            topicName: topic,
            partitions: partitions.map((data) => ({
                partition: data.partition,
                errorCode: data.errorCode ?? 0,
                highWatermark: Number(data.highWatermark),
                ...filtered(topic, data, data.abortedTransactions, data.messages, offsets),
            })),
        })),
    };
}
function filtered(topic, data, abortedTransactions, messages, offsets) {
    if (messages.length === 0)
        return { messages: [], nextOffset: null };
    const fetchedOffset = offsets.get(data.partition) ?? 0;
    const batch = new (kafkajsInternals().Batch)(topic, String(fetchedOffset), {
        partition: data.partition,
        highWatermark: String(data.highWatermark),
        abortedTransactions,
        messages,
    });
    return {
        messages: batch.messages,
        nextOffset: Math.max(Number(batch.lastOffset()) + 1, fetchedOffset),
    };
}
function shuffled(items) {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
}
//# sourceMappingURL=kafkajs-fetch.js.map