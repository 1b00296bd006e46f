export interface ExplainAnswer {
    applicationUuid: string;
    served: boolean;
    cause: string;
    summary: string;
    registration: {
        host: string;
        port: number;
        path: string;
        scheme: string;
        labels: Record<string, string>;
        expiresAt: string | null;
        updatedAt: string | null;
    } | null;
    removal: {
        at: string;
        cause: string;
    } | null;
    rejection: {
        at: string;
        reason: string;
        dlq: {
            partition: number;
            offset: string;
        };
        source: {
            topic: string | null;
            partition: number | null;
            offset: string | null;
        };
    } | null;
    shard: {
        asked: number;
        shards: number;
        actual: number;
    } | null;
    rejectionsComplete: boolean;
}
export declare function isExplainAnswer(body: unknown): body is ExplainAnswer;
export declare function formatExplanation(answer: ExplainAnswer): string;
