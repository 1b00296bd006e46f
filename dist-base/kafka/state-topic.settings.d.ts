export declare const STATE_TOPIC_SETTINGS: {
    readonly 'cleanup.policy': "compact";
    readonly 'segment.ms': "60000";
    readonly 'max.compaction.lag.ms': "60000";
    readonly 'min.cleanable.dirty.ratio': "0.1";
    readonly 'delete.retention.ms': "3600000";
};
export declare const MAX_UNCOMPACTED_MS: number;
export declare function stateTopicProblems(topic: string, configs: ReadonlyMap<string, string>): string[];
