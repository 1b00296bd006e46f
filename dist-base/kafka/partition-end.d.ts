export interface PartitionEnd {
    partition: number;
    low: number;
    high: number;
}
