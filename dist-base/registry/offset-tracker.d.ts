export declare class OffsetTracker {
    private readonly partitions;
    private static key;
    begin(topic: string, partition: number, offset: bigint): void;
    finish(topic: string, partition: number, offset: bigint): bigint | null;
}
