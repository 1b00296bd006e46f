import type { PartitionEnd } from '../kafka/partition-end';
export declare class CatchUp {
    private readonly targets;
    private readonly positions;
    private readonly highs;
    private reached;
    constructor(ends: PartitionEnd[]);
    advance(partition: number, next: number, high: number): void;
    position(partition: number): number;
    get done(): boolean;
    get lag(): number;
    private check;
}
