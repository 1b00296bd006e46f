"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isExplainAnswer = isExplainAnswer;
exports.formatExplanation = formatExplanation;
const sd_target_group_1 = require("../target/sd-target-group");
function isExplainAnswer(body) {
    if (typeof body !== 'object' || body === null)
        return false;
    const b = body;
    return (typeof b.applicationUuid === 'string' &&
        typeof b.served === 'boolean' &&
        typeof b.cause === 'string' &&
        typeof b.summary === 'string');
}
function formatExplanation(answer) {
    const lines = [];
    const r = answer.registration;
    if (r !== null) {
        lines.push(['endpoint', `${r.scheme}://${(0, sd_target_group_1.targetAddress)(r.host, r.port)}${r.path}`]);
        const labels = Object.entries(r.labels).map(([name, value]) => `${name}=${value}`);
        lines.push(['labels', labels.length === 0 ? '-' : labels.join(',')]);
        lines.push(['lease', r.expiresAt === null ? 'none' : `until ${r.expiresAt}`]);
        lines.push(['updated', r.updatedAt ?? '-']);
    }
    if (answer.removal !== null) {
        lines.push(['removed', `${answer.removal.at} (${answer.removal.cause})`]);
    }
    const j = answer.rejection;
    if (j !== null) {
        const source = j.source.topic === null
            ? ''
            : ` from ${j.source.topic}[${j.source.partition ?? '?'}]@${j.source.offset ?? '?'}`;
        lines.push([
            'rejected',
            `${j.at}${source} (DLQ [${j.dlq.partition}]@${j.dlq.offset}): ${j.reason}`,
        ]);
    }
    if (answer.shard !== null) {
        const { asked, shards, actual } = answer.shard;
        lines.push(['shard', `${actual} of ${shards} (asked: ${asked})`]);
    }
    if (!answer.rejectionsComplete) {
        lines.push(['note', 'the registry is still reading the DLQ: a rejection may be missing']);
    }
    const width = Math.max(0, ...lines.map(([name]) => name.length));
    return [
        `${answer.applicationUuid}: ${answer.served ? 'served' : 'NOT served'} (${answer.cause})`,
        `  ${answer.summary}`,
        ...lines.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`),
    ]
        .map((line) => `${line}\n`)
        .join('');
}
//# sourceMappingURL=explain-text.js.map