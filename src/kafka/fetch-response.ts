import type { IHeaders, KafkaMessage } from 'kafkajs';

/**
 * Decodes a Fetch v11 response (Kafka 2.3 and later) straight into the records a reader keeps,
 * filtered as a READ_COMMITTED consumer does.
 *
 * kafkajs decodes every record into a kafkajs Decoder of its own, 64-bit offsets and timestamps
 * parsed from and printed back to strings, and a headers object built by spreading; its
 * consumer's Batch then parses each offset again to filter. At 100,000 records that was about
 * 150 ms of a replica's start, on top of the garbage. This reads each record batch once, with
 * numbers, and hands over the same KafkaMessage objects (key and value are views of the
 * response, as kafkajs's are). The response is split into partitions and batch headers when it
 * arrives; the records are decoded a slice at a time as the reader takes them (RecordSlices).
 *
 * What it filters, as the Java consumer (`CompletedFetch`) does:
 * - records before the offset asked for (a batch is returned whole, and compaction leaves
 *   batches that start earlier);
 * - control batches (transaction markers);
 * - batches of transactions the broker lists as aborted, up to that producer's abort marker.
 *
 * `nextOffset` is the offset after the last complete batch returned, read from the batch header:
 * a batch whose last records were compacted away, or which holds only filtered records, still
 * moves the reader on. A batch cut off by the response's size limit is left for the next fetch.
 *
 * Compressed batches are decompressed with kafkajs's codecs (gzip, and any codec an application
 * registered with kafkajs's `CompressionCodecs`), so what decompresses is the same as before.
 * Partitions still in the old message format (magic 0 or 1) are not decoded here: `legacy`
 * carries their bytes, for kafkajs to decode.
 */

/** One partition of the response. */
export interface FetchedRecords {
  partition: number;
  errorCode: number;
  highWatermark: number;
  /**
   * Records at or after the offset asked for; no control records, none of an aborted
   * transaction. Decoded a slice at a time, as the reader takes them.
   */
  records: RecordSlices;
  /** The offset after the last complete batch; null when the response held none. */
  nextOffset: number | null;
  /** The partition's records in the old message format (magic 0 or 1), left for kafkajs to decode. */
  legacy?: Buffer;
}

/** Whole record batches of one partition, decoded. */
export interface RecordSlice {
  messages: KafkaMessage[];
  /** The offset after the slice's last batch (its filtered records included). */
  nextOffset: number;
}

/**
 * A partition's records, decoded when they are taken rather than when the response arrives: a
 * response holds up to 10 MiB, and decoding all of it before applying any kept every record of
 * it alive (and copied by the garbage collector) until the last was decoded.
 */
export interface RecordSlices {
  /**
   * The next whole batches, as many as reach `maxRecords` records (a batch is never split);
   * null once all were taken. A slice may hold no record (all its batches filtered).
   */
  take(maxRecords: number): Promise<RecordSlice | null>;
}

/** Records decoded already (by kafkajs), handed over as one slice. */
export function decodedSlices(messages: KafkaMessage[], nextOffset: number | null): RecordSlices {
  let taken = nextOffset === null;
  return {
    take: () => {
      if (taken) return Promise.resolve(null);
      taken = true;
      return Promise.resolve({ messages, nextOffset: nextOffset! });
    },
  };
}

export interface FetchResponse {
  /**
   * How long the broker asks the client to wait before its next request (a quota, KIP-219);
   * kafkajs's connection waits that long, as for its own decoding.
   */
  clientSideThrottleTime: number;
  /** The response's own error code (not a partition's). */
  errorCode: number;
  responses: { topicName: string; partitions: FetchedRecords[] }[];
}

/** A compression codec as kafkajs registers it. */
export interface Codec {
  decompress(buffer: Buffer): Promise<Buffer>;
}

const BATCH_HEADER_BYTES = 61;
const MAGIC_OFFSET = 16;
const RECORD_BATCH_MAGIC = 2;
const COMPRESSION_MASK = 0x07;
const LOG_APPEND_TIME_FLAG = 0x08;
const TRANSACTIONAL_FLAG = 0x10;
const CONTROL_FLAG = 0x20;
/** A control record's key: version (int16), then type (int16): 0 is an abort marker. */
const ABORT_MARKER_TYPE = 0;
const NO_PRODUCER_ID = -1n;

/**
 * Decodes one Fetch v11 response. `fetchOffsets` holds the offset asked for per partition;
 * `codecOf` finds the codec of a compressed batch from its attributes (kafkajs's lookup).
 */
export function decodeFetchResponse(
  raw: Buffer,
  fetchOffsets: ReadonlyMap<number, number>,
  codecOf: (attributes: number) => Codec | null,
): FetchResponse {
  const reader = new Reader(raw);
  const clientSideThrottleTime = reader.int32();
  const errorCode = reader.int16();
  reader.skip(4); // session_id
  const responses: FetchResponse['responses'] = [];
  for (let topics = reader.int32(); topics > 0; topics--) {
    const topicName = reader.string();
    const partitions: FetchedRecords[] = [];
    for (let count = reader.int32(); count > 0; count--) {
      const partition = reader.int32();
      const errorCode = reader.int16();
      const highWatermark = reader.int64();
      reader.skip(8 + 8); // last_stable_offset, log_start_offset
      const aborted: AbortedTransaction[] = [];
      for (let n = reader.int32(); n > 0; n--) {
        aborted.push({ producerId: reader.bigInt64(), firstOffset: reader.int64() });
      }
      reader.skip(4); // preferred_read_replica
      const size = reader.int32();
      const records = size > 0 ? reader.bytes(size) : null;
      const fetched: FetchedRecords = {
        partition,
        errorCode,
        highWatermark,
        records: decodedSlices([], null),
        nextOffset: null,
      };
      if (records !== null && records.length > MAGIC_OFFSET) {
        if (records[MAGIC_OFFSET] === RECORD_BATCH_MAGIC) {
          const batches = new BatchSlices(
            records,
            fetchOffsets.get(partition) ?? 0,
            new TransactionFilter(aborted),
            codecOf,
          );
          fetched.records = batches;
          fetched.nextOffset = batches.nextOffset;
        } else {
          fetched.legacy = records;
        }
      }
      partitions.push(fetched);
    }
    responses.push({ topicName, partitions });
  }
  return { clientSideThrottleTime, errorCode, responses };
}

interface AbortedTransaction {
  producerId: bigint;
  firstOffset: number;
}

/** Which transactional batches belong to an aborted transaction (READ_COMMITTED). */
class TransactionFilter {
  private readonly pending: AbortedTransaction[];
  private readonly abortedProducers = new Set<bigint>();

  constructor(aborted: AbortedTransaction[]) {
    this.pending = aborted.sort((a, b) => a.firstOffset - b.firstOffset);
  }

  /**
   * Whether a batch's records are served. A control batch never is; its abort marker ends the
   * producer's aborted transaction.
   */
  serves(batch: BatchHeader, abortMarker: boolean): boolean {
    if (batch.producerId !== NO_PRODUCER_ID && batch.transactional) {
      while (this.pending.length > 0 && this.pending[0].firstOffset <= batch.lastOffset) {
        this.abortedProducers.add(this.pending.shift()!.producerId);
      }
      if (abortMarker) this.abortedProducers.delete(batch.producerId);
      else if (this.abortedProducers.has(batch.producerId)) return false;
    }
    return !batch.control;
  }
}

interface BatchHeader {
  baseOffset: number;
  lastOffset: number;
  producerId: bigint;
  transactional: boolean;
  control: boolean;
  attributes: number;
  baseTimestamp: number;
  maxTimestamp: number;
  count: number;
  /** Where its records start and where the batch ends, in the partition's bytes. */
  recordsAt: number;
  end: number;
}

/** The complete record batches (magic 2) at the start of `bytes`, headers only. */
function batchHeaders(bytes: Buffer): BatchHeader[] {
  const headers: BatchHeader[] = [];
  let at = 0;
  while (at + BATCH_HEADER_BYTES <= bytes.length) {
    const head = new Reader(bytes, at);
    const baseOffset = head.int64();
    const end = at + 12 + head.int32();
    // The response's size limit cuts the last batch short: it is read again by the next fetch.
    if (end > bytes.length) break;
    head.skip(4); // partition_leader_epoch
    // The old format after batches of the new one: left for the next fetch, which starts there
    // and hands it to kafkajs (`legacy`), as kafkajs stops at a change of format too.
    if (head.int8() !== RECORD_BATCH_MAGIC) break;
    head.skip(4); // crc
    const attributes = head.int16();
    const lastOffsetDelta = head.int32();
    const baseTimestamp = head.int64();
    const maxTimestamp = head.int64();
    const producerId = head.bigInt64();
    head.skip(2 + 4); // producer_epoch, base_sequence
    const count = head.int32();
    headers.push({
      baseOffset,
      lastOffset: baseOffset + lastOffsetDelta,
      producerId,
      transactional: (attributes & TRANSACTIONAL_FLAG) !== 0,
      control: (attributes & CONTROL_FLAG) !== 0,
      attributes,
      baseTimestamp,
      maxTimestamp,
      count,
      recordsAt: head.position,
      end,
    });
    at = end;
  }
  return headers;
}

/** One partition's record batches, decoded in order as they are taken. */
class BatchSlices implements RecordSlices {
  private readonly batches: BatchHeader[];
  private taken = 0;

  constructor(
    private readonly bytes: Buffer,
    private readonly fetchOffset: number,
    private readonly filter: TransactionFilter,
    private readonly codecOf: (attributes: number) => Codec | null,
  ) {
    this.batches = batchHeaders(bytes);
  }

  /** The offset after the last complete batch, or null if there was none. */
  get nextOffset(): number | null {
    const last = this.batches.at(-1);
    return last === undefined ? null : last.lastOffset + 1;
  }

  async take(maxRecords: number): Promise<RecordSlice | null> {
    if (this.taken >= this.batches.length) return null;
    const messages: KafkaMessage[] = [];
    let nextOffset = 0;
    while (this.taken < this.batches.length && messages.length < maxRecords) {
      const batch = this.batches[this.taken++];
      nextOffset = batch.lastOffset + 1;
      // Before the offset asked for, and unable to open or close a transaction: nothing to read.
      if (batch.lastOffset < this.fetchOffset && !batch.transactional) continue;
      let records = new Reader(this.bytes, batch.recordsAt, batch.end);
      const codec = this.codecOf(batch.attributes & COMPRESSION_MASK);
      if (codec !== null) {
        records = new Reader(
          await codec.decompress(this.bytes.subarray(batch.recordsAt, batch.end)),
        );
      }
      if (batch.control) {
        // A transaction marker: its one record's key says whether the transaction was aborted.
        const [marker] = decodeRecords(
          records,
          Math.min(batch.count, 1),
          batch,
          0,
          null,
          -Infinity,
          [],
        );
        this.filter.serves(batch, marker !== undefined && isAbortMarker(marker.key));
        continue;
      }
      if (!this.filter.serves(batch, false)) continue;
      const logAppendTime = (batch.attributes & LOG_APPEND_TIME_FLAG) !== 0;
      decodeRecords(
        records,
        batch.count,
        batch,
        batch.baseTimestamp,
        logAppendTime ? batch.maxTimestamp : null,
        this.fetchOffset,
        messages,
      );
    }
    return { messages, nextOffset };
  }
}

/** Decodes `count` records into `into`, those at or after `fromOffset`; returns `into`. */
function decodeRecords(
  reader: Reader,
  count: number,
  batch: BatchHeader,
  baseTimestamp: number,
  logAppendTimestamp: number | null,
  fromOffset: number,
  into: KafkaMessage[],
): KafkaMessage[] {
  for (let i = 0; i < count; i++) {
    const length = reader.varint();
    const end = reader.position + length;
    const attributes = reader.int8();
    const timestampDelta = reader.varint();
    const offset = batch.baseOffset + reader.varint();
    if (offset < fromOffset) {
      reader.seek(end);
      continue;
    }
    const key = reader.varBytes();
    const value = reader.varBytes();
    const headerCount = reader.varint();
    const headers = headerCount > 0 ? decodeHeaders(reader, headerCount) : NO_HEADERS;
    reader.seek(end);
    into.push({
      key,
      value,
      timestamp: String(logAppendTimestamp ?? baseTimestamp + timestampDelta),
      attributes,
      offset: String(offset),
      headers,
    });
  }
  return into;
}

/** The headers of a record that has none: one object for all of them, read-only. */
const NO_HEADERS: IHeaders = Object.freeze({});

/** A record's headers; a repeated name becomes an array, as kafkajs makes it. */
function decodeHeaders(reader: Reader, count: number): IHeaders {
  const headers: Record<string, Buffer | null | (Buffer | null)[]> = {};
  for (let n = count; n > 0; n--) {
    const name = reader.varString();
    const header = reader.varBytes();
    const held = Object.hasOwn(headers, name) ? headers[name] : undefined;
    // Defined, not assigned: a header named __proto__ or constructor is a header like any other.
    Object.defineProperty(headers, name, {
      value: held === undefined ? header : Array.isArray(held) ? [...held, header] : [held, header],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return headers as IHeaders;
}

function isAbortMarker(key: Buffer | null): boolean {
  return key !== null && key.length >= 4 && key.readInt16BE(2) === ABORT_MARKER_TYPE;
}

/** Big-endian reads and zig-zag varints over one buffer. */
class Reader {
  constructor(
    private readonly buffer: Buffer,
    private at = 0,
    private readonly end = buffer.length,
  ) {}

  get position(): number {
    return this.at;
  }

  skip(bytes: number): void {
    this.at += bytes;
  }

  seek(position: number): void {
    if (position > this.end) throw new RangeError('a record runs past the end of its batch');
    this.at = position;
  }

  int8(): number {
    return this.buffer.readInt8(this.take(1));
  }

  int16(): number {
    return this.buffer.readInt16BE(this.take(2));
  }

  int32(): number {
    return this.buffer.readInt32BE(this.take(4));
  }

  /** An int64 as a number: exact for offsets and timestamps (below 2^53). */
  int64(): number {
    const at = this.take(8);
    return this.buffer.readInt32BE(at) * 2 ** 32 + this.buffer.readUInt32BE(at + 4);
  }

  bigInt64(): bigint {
    return this.buffer.readBigInt64BE(this.take(8));
  }

  /** A string with an int16 length (-1, null, read as empty). */
  string(): string {
    return this.text(this.int16());
  }

  /** A zig-zag varint (Kafka's varint and varlong), exact below 2^53. */
  varint(): number {
    const buffer = this.buffer;
    let byte = buffer[this.take(1)];
    let value = byte & 0x7f;
    let shift = 7;
    while (byte & 0x80) {
      byte = buffer[this.take(1)];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    }
    return value % 2 === 1 ? -(value + 1) / 2 : value / 2;
  }

  bytes(length: number): Buffer {
    const start = this.take(length);
    return this.buffer.subarray(start, start + length);
  }

  varBytes(): Buffer | null {
    const length = this.varint();
    return length < 0 ? null : this.bytes(length);
  }

  /** A string with a varint length (-1, null, read as empty). */
  varString(): string {
    return this.text(this.varint());
  }

  private text(length: number): string {
    const start = this.take(Math.max(length, 0));
    return this.buffer.toString('utf8', start, start + Math.max(length, 0));
  }

  private take(bytes: number): number {
    const at = this.at;
    if (at + bytes > this.end) throw new RangeError('read past the end of the record batch');
    this.at = at + bytes;
    return at;
  }
}
