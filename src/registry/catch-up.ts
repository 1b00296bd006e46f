import type { PartitionEnd } from '../kafka/partition-end';

/**
 * How far a reader of the state topic has come: done once every partition has been read up to
 * the end offset seen at startup. Lag is measured against the latest high watermark seen.
 */
export class CatchUp {
  private readonly targets = new Map<number, number>();
  private readonly positions = new Map<number, number>();
  private readonly highs = new Map<number, number>();
  private reached = false;

  constructor(ends: PartitionEnd[]) {
    for (const { partition, low, high } of ends) {
      this.targets.set(partition, high);
      this.positions.set(partition, low);
      this.highs.set(partition, high);
    }
    this.check();
  }

  /** `next` is the offset after the last record read, `high` the partition's high watermark. */
  advance(partition: number, next: number, high: number): void {
    this.positions.set(partition, Math.max(next, this.positions.get(partition) ?? 0));
    this.highs.set(partition, Math.max(high, this.highs.get(partition) ?? 0));
    this.check();
  }

  /** The offset after the last record read in a partition: records before it are in the view. */
  position(partition: number): number {
    return this.positions.get(partition) ?? 0;
  }

  get done(): boolean {
    return this.reached;
  }

  /** Records between what was read and the end of the topic, over all partitions. */
  get lag(): number {
    let lag = 0;
    for (const [partition, high] of this.highs) {
      lag += Math.max(0, high - (this.positions.get(partition) ?? 0));
    }
    return lag;
  }

  private check(): void {
    if (this.reached) return;
    for (const [partition, target] of this.targets) {
      if ((this.positions.get(partition) ?? 0) < target) return;
    }
    this.reached = true;
  }
}
