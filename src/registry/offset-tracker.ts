/**
 * Which command offsets may be committed when commands finish out of order. Commands of one
 * partition are begun in offset order; the committable offset is the one after the longest run
 * of finished commands from the oldest unfinished one, so a commit never skips a command whose
 * write is not yet acknowledged.
 */
interface PartitionProgress {
  /** Begun offsets not yet released, oldest first. */
  inFlight: bigint[];
  finished: Set<bigint>;
}

export class OffsetTracker {
  private readonly partitions = new Map<string, PartitionProgress>();

  private static key(topic: string, partition: number): string {
    return `${partition}:${topic}`;
  }

  begin(topic: string, partition: number, offset: bigint): void {
    const key = OffsetTracker.key(topic, partition);
    let progress = this.partitions.get(key);
    const last = progress?.inFlight[progress.inFlight.length - 1];
    if (!progress || (last !== undefined && offset <= last)) {
      // A rebalance or a restart re-delivers from the last commit: start the partition afresh.
      progress = { inFlight: [], finished: new Set() };
      this.partitions.set(key, progress);
    }
    progress.inFlight.push(offset);
  }

  /** Marks a command finished; returns the offset to commit when it advanced, else null. */
  finish(topic: string, partition: number, offset: bigint): bigint | null {
    const progress = this.partitions.get(OffsetTracker.key(topic, partition));
    if (!progress || !progress.inFlight.includes(offset)) return null;
    progress.finished.add(offset);
    let released: bigint | null = null;
    while (progress.inFlight.length > 0 && progress.finished.has(progress.inFlight[0])) {
      released = progress.inFlight.shift()!;
      progress.finished.delete(released);
    }
    return released === null ? null : released + 1n;
  }
}
