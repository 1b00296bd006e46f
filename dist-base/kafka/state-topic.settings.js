"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_UNCOMPACTED_MS = exports.STATE_TOPIC_SETTINGS = void 0;
exports.stateTopicProblems = stateTopicProblems;
exports.STATE_TOPIC_SETTINGS = {
    'cleanup.policy': 'compact',
    'segment.ms': '60000',
    'max.compaction.lag.ms': '60000',
    'min.cleanable.dirty.ratio': '0.1',
    'delete.retention.ms': '3600000',
};
exports.MAX_UNCOMPACTED_MS = 10 * 60_000;
function stateTopicProblems(topic, configs) {
    const problems = [];
    const alter = (entries) => `kafka-configs.sh --alter --entity-type topics --entity-name ${topic} --add-config ${entries}`;
    const policy = configs.get('cleanup.policy');
    if (policy !== undefined && !policy.split(',').includes('compact')) {
        problems.push(`cleanup.policy=${policy}: the registrations of apps that registered long ago are deleted ` +
            `by retention, not kept until replaced; use cleanup.policy=compact (${alter('cleanup.policy=compact')})`);
    }
    const segmentMs = Number(configs.get('segment.ms') ?? NaN);
    const maxLagMs = Number(configs.get('max.compaction.lag.ms') ?? NaN);
    const rollMs = Math.min(Number.isFinite(segmentMs) ? segmentMs : Infinity, Number.isFinite(maxLagMs) ? maxLagMs : Infinity);
    if (rollMs > exports.MAX_UNCOMPACTED_MS) {
        problems.push(`segment.ms=${configs.get('segment.ms') ?? 'unset'} and max.compaction.lag.ms=` +
            `${configs.get('max.compaction.lag.ms') ?? 'unset'}: renewals stay uncompacted ` +
            `${describeMs(rollMs)} and every replica reads them all at start-up; ` +
            `use max.compaction.lag.ms=${exports.STATE_TOPIC_SETTINGS['max.compaction.lag.ms']} and ` +
            `segment.ms=${exports.STATE_TOPIC_SETTINGS['segment.ms']} ` +
            `(${alter(`max.compaction.lag.ms=${exports.STATE_TOPIC_SETTINGS['max.compaction.lag.ms']},segment.ms=${exports.STATE_TOPIC_SETTINGS['segment.ms']}`)})`);
    }
    return problems;
}
function describeMs(ms) {
    if (ms > 1e12)
        return 'without limit';
    if (ms >= 86_400_000)
        return `for up to ${+(ms / 86_400_000).toFixed(1)} days`;
    if (ms >= 3_600_000)
        return `for up to ${+(ms / 3_600_000).toFixed(1)} hours`;
    return `for up to ${+(ms / 60_000).toFixed(1)} minutes`;
}
//# sourceMappingURL=state-topic.settings.js.map