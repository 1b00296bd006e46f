import type { PartitionEnd } from '../kafka/partition-end';

/**
 * How far a reader of the state topic has come: done once every partition has been read up to
 * the end offset seen at startup. Lag is measured against the latest high watermark seen.
 */
export class CatchUp {
  private readonly targets = new Map<number, number>();
  private readonly positions = new Map<number, number>();
  private readonly highs = new Map<number, number>();
  /** Per partition, when the last fetch that found it read to its end was sent. */
  private readonly endSeenAt = new Map<number, number>();
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

  /**
   * What a fetch sent at `sentAt` said of a partition, once its records were read: read to the
   * high watermark it returned, the partition holds every write acknowledged before `sentAt`.
   */
  fetched(partition: number, position: number, high: number, sentAt: number): void {
    this.advance(partition, position, high);
    if (position >= high) {
      this.endSeenAt.set(partition, Math.max(sentAt, this.endSeenAt.get(partition) ?? 0));
    }
  }

  /**
   * Whether every partition was found read to its end by a fetch sent after `since`, so that
   * what was read holds every write acknowledged before `since`, whichever broker leads it.
   */
  endSeenSince(since: number): boolean {
    for (const partition of this.highs.keys()) {
      if ((this.endSeenAt.get(partition) ?? -Infinity) <= since) return false;
    }
    return true;
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
