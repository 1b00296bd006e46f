/** A partition's offsets, as an admin client reports them. */
export interface PartitionEnd {
  partition: number;
  /** The first offset still in the log. */
  low: number;
  /** The offset the next record will get (the high watermark). */
  high: number;
}
