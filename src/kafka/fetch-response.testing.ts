/* eslint-disable @typescript-eslint/no-require-imports -- kafkajs's own record batch encoder, which its typings do not cover */
/**
 * Fetch v11 responses as a broker sends them, for specs: record batches encoded by kafkajs's
 * own producer-side encoder (magic 2), wrapped in the response layout.
 */
import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { FetchedRecords } from './fetch-response';

const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as {
  RecordBatch: (options: object) => Promise<{ buffer: Buffer }>;
};
const Record = require('kafkajs/src/protocol/recordBatch/record/v0') as (record: object) => object;
const Long = require('kafkajs/src/utils/long') as { fromNumber(value: number): unknown };
/** kafkajs's protocol encoder, as far as specs use it. */
export interface Encoder {
  buffer: Buffer;
  writeInt8(value: number): Encoder;
  writeInt16(value: number): Encoder;
  writeInt32(value: number): Encoder;
  writeString(value: string | null): Encoder;
  writeBytes(value: Buffer): Encoder;
  writeVarInt(value: number): Encoder;
  writeVarLong(value: number): Encoder;
  writeVarIntBytes(value: Buffer | string | null): Encoder;
  writeVarIntString(value: string): Encoder;
  writeEncoder(value: Encoder): Encoder;
}
export const Encoder = require('kafkajs/src/protocol/encoder') as new () => Encoder;

export const GZIP = 1;
export const SNAPPY = 2;

export interface RecordSpec {
  offsetDelta: number;
  timestampDelta?: number;
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: IHeaders;
  /** Headers sent with no value, which kafkajs's producer cannot write (Java clients can). */
  nullHeaders?: string[];
}

/** A record as kafkajs encodes it, or written out here when it has headers with no value. */
function record(spec: RecordSpec): object {
  if (spec.nullHeaders === undefined) return Record({ timestampDelta: 0, ...spec });
  const body = new Encoder()
    .writeInt8(0)
    .writeVarLong(spec.timestampDelta ?? 0)
    .writeVarInt(spec.offsetDelta)
    .writeVarIntBytes(spec.key)
    .writeVarIntBytes(spec.value)
    .writeVarInt(spec.nullHeaders.length);
  for (const name of spec.nullHeaders) body.writeVarIntString(name).writeVarIntBytes(null);
  return new Encoder().writeVarInt(body.buffer.length).writeEncoder(body);
}

export interface BatchSpec {
  baseOffset: number;
  records: RecordSpec[];
  /** Defaults to the last record's; larger when compaction removed the batch's last records. */
  lastOffsetDelta?: number;
  baseTimestamp?: number;
  maxTimestamp?: number;
  compression?: number;
  producerId?: number;
  transactional?: boolean;
  control?: boolean;
  logAppendTime?: boolean;
}

const CONTROL_FLAG = 0x20;
const LOG_APPEND_TIME_FLAG = 0x08;
const ATTRIBUTES_AT = 21;

/** One record batch's bytes. */
export async function recordBatch(spec: BatchSpec): Promise<Buffer> {
  const baseTimestamp = spec.baseTimestamp ?? 1_700_000_000_000;
  const { buffer } = await RecordBatch({
    compression: spec.compression ?? 0,
    firstOffset: Long.fromNumber(spec.baseOffset),
    firstTimestamp: baseTimestamp,
    maxTimestamp: spec.maxTimestamp ?? baseTimestamp,
    lastOffsetDelta: spec.lastOffsetDelta ?? spec.records.at(-1)?.offsetDelta ?? 0,
    transactional: spec.transactional ?? false,
    producerId: Long.fromNumber(spec.producerId ?? -1),
    records: spec.records.map(record),
  });
  // kafkajs's encoder writes neither flag; a broker does (the CRC is not checked on reading).
  const flags = (spec.control ? CONTROL_FLAG : 0) | (spec.logAppendTime ? LOG_APPEND_TIME_FLAG : 0);
  buffer.writeInt16BE(buffer.readInt16BE(ATTRIBUTES_AT) | flags, ATTRIBUTES_AT);
  return buffer;
}

/** An entry in the old message format (magic 1) at `offset`, as far as a reader looks into it. */
export function legacyEntry(offset: number): Buffer {
  const entry = Buffer.alloc(80);
  entry.writeBigInt64BE(BigInt(offset), 0);
  entry.writeInt32BE(entry.length - 12, 8);
  entry[16] = 1; // magic
  return entry;
}

/** A transaction marker: a control batch whose one record's key is (version 0, type 0 abort | 1 commit). */
export function markerBatch(
  baseOffset: number,
  producerId: number,
  type: 'abort' | 'commit',
): Promise<Buffer> {
  const key = Buffer.alloc(4);
  key.writeInt16BE(type === 'abort' ? 0 : 1, 2);
  return recordBatch({
    baseOffset,
    producerId,
    transactional: true,
    control: true,
    records: [{ offsetDelta: 0, key, value: Buffer.alloc(6) }],
  });
}

export interface PartitionSpec {
  partition: number;
  errorCode?: number;
  highWatermark: number;
  abortedTransactions?: { producerId: number; firstOffset: number }[];
  records: Buffer | null;
}

/** A Fetch v11 response for one topic. */
export function fetchResponse(
  topic: string,
  partitions: PartitionSpec[],
  response: { throttleTimeMs?: number; errorCode?: number } = {},
): Buffer {
  const out = new Writer();
  out
    .int32(response.throttleTimeMs ?? 0)
    .int16(response.errorCode ?? 0)
    .int32(0); // session_id 0
  out.int32(1).string(topic).int32(partitions.length);
  for (const p of partitions) {
    out.int32(p.partition).int16(p.errorCode ?? 0);
    out.int64(p.highWatermark).int64(p.highWatermark).int64(0);
    const aborted = p.abortedTransactions ?? [];
    out.int32(aborted.length);
    for (const a of aborted) out.int64(a.producerId).int64(a.firstOffset);
    out.int32(-1); // preferred_read_replica
    if (p.records === null) out.int32(-1);
    else out.int32(p.records.length).raw(p.records);
  }
  return out.bytes();
}

class Writer {
  private readonly parts: Buffer[] = [];

  int16(value: number): this {
    return this.fixed(2, (b) => b.writeInt16BE(value));
  }

  int32(value: number): this {
    return this.fixed(4, (b) => b.writeInt32BE(value));
  }

  int64(value: number): this {
    return this.fixed(8, (b) => b.writeBigInt64BE(BigInt(value)));
  }

  string(value: string): this {
    const bytes = Buffer.from(value);
    return this.int16(bytes.length).raw(bytes);
  }

  raw(bytes: Buffer): this {
    this.parts.push(bytes);
    return this;
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }

  private fixed(size: number, write: (b: Buffer) => void): this {
    const b = Buffer.alloc(size);
    write(b);
    return this.raw(b);
  }
}

/**
 * A decoded partition with all its records taken, `maxRecords` at a time, and what each slice
 * held: its number of records and its nextOffset.
 */
export async function taken<T extends Pick<FetchedRecords, 'records'>>(
  partition: T,
  maxRecords = Infinity,
): Promise<T & { messages: KafkaMessage[]; slices: { records: number; nextOffset: number }[] }> {
  const messages: KafkaMessage[] = [];
  const slices: { records: number; nextOffset: number }[] = [];
  for (
    let slice = await partition.records.take(maxRecords);
    slice !== null;
    slice = await partition.records.take(maxRecords)
  ) {
    messages.push(...slice.messages);
    slices.push({ records: slice.messages.length, nextOffset: slice.nextOffset });
  }
  return { ...partition, messages, slices };
}
