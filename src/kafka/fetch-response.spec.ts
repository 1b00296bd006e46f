import type { KafkaMessage } from 'kafkajs';
import { Codec, decodeFetchResponse } from './fetch-response';
import {
  BatchSpec,
  GZIP,
  SNAPPY,
  fetchResponse,
  legacyEntry,
  markerBatch,
  recordBatch,
  taken,
} from './fetch-response.testing';
import { kafkajsInternals } from './kafkajs-fetch';

/* eslint-disable @typescript-eslint/no-require-imports -- kafkajs's own decoder, the reference */
const kafkajsV11 = require('kafkajs/src/protocol/requests/fetch/v11/response') as {
  decode(raw: Buffer): Promise<{
    responses: {
      partitions: {
        partition: number;
        highWatermark: string;
        abortedTransactions: unknown[];
        messages: KafkaMessage[];
      }[];
    }[];
  }>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const codecOf = (attributes: number): Codec | null => kafkajsInternals().codecOf(attributes);

/** The first topic's partitions, each with all its records taken, `maxRecords` at a time. */
async function decode(
  raw: Buffer,
  fetchOffsets: Record<number, number> = {},
  maxRecords = Infinity,
) {
  const offsets = new Map(Object.entries(fetchOffsets).map(([p, o]) => [Number(p), o]));
  const { partitions } = decodeFetchResponse(raw, offsets, codecOf).responses[0];
  return Promise.all(partitions.map((partition) => taken(partition, maxRecords)));
}

/** What a reader uses of a record. */
const seen = (messages: KafkaMessage[]) =>
  messages.map(({ key, value, headers, offset, timestamp }) => ({
    key,
    value,
    headers,
    offset,
    timestamp,
  }));

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytes(next: () => number): Buffer | string | null {
  const pick = next();
  if (pick < 0.08) return null;
  if (pick < 0.15) return '';
  if (pick < 0.3)
    return Buffer.from(
      Array.from({ length: 1 + Math.floor(next() * 40) }, () => Math.floor(next() * 256)),
    );
  if (pick < 0.45) return `é✓😀-${Math.floor(next() * 1e6)}`;
  return JSON.stringify({
    HOST: `app-${Math.floor(next() * 1e5)}.svc`,
    PORT: 9100,
    LABELS: { env: 'x' },
  });
}

/** Random batches for one partition, with compaction gaps; returns them and their specs. */
function randomBatches(next: () => number): BatchSpec[] {
  const batches: BatchSpec[] = [];
  let offset = Math.floor(next() * 1000);
  for (let b = 0, count = 1 + Math.floor(next() * 5); b < count; b++) {
    const records: BatchSpec['records'] = [];
    let delta = 0;
    for (let r = 0, n = 1 + Math.floor(next() * 12); r < n; r++) {
      const headers: Record<string, Buffer | string | (Buffer | string)[]> = {};
      for (let h = Math.floor(next() * 3); h > 0; h--) {
        const name = next() < 0.5 ? 'dup' : `h${h}`;
        const value = next() < 0.5 ? Buffer.from([h, 0xff]) : `v${h}`;
        const held = headers[name];
        headers[name] =
          held === undefined ? value : ([] as (Buffer | string)[]).concat(held, value);
      }
      records.push({
        offsetDelta: delta,
        timestampDelta:
          next() < 0.1 ? 2 ** 40 + Math.floor(next() * 1000) : Math.floor(next() * 1e6),
        key: randomBytes(next),
        value: randomBytes(next),
        headers,
      });
      // Compaction removed some: gaps of one varint byte, two and three.
      const gap = next();
      delta +=
        gap < 0.7
          ? 1
          : gap < 0.8
            ? 2 + Math.floor(next() * 5)
            : gap < 0.9
              ? 64 + Math.floor(next() * 8000)
              : 2 ** 14;
    }
    const lastOffsetDelta = records.at(-1)!.offsetDelta + (next() < 0.2 ? 3 : 0);
    batches.push({
      baseOffset: offset,
      records,
      lastOffsetDelta,
      compression: next() < 0.3 ? GZIP : 0,
      baseTimestamp: 1_700_000_000_000 + Math.floor(next() * 1e9),
    });
    offset += lastOffsetDelta + 1 + (next() < 0.3 ? Math.floor(next() * 10) : 0);
  }
  return batches;
}

describe('decodeFetchResponse', () => {
  it('hands over what kafkajs and its consumer would, for random batches (keys, tombstones, headers, gzip, compaction gaps, a cut-off last batch)', async () => {
    const next = random(20261123);
    for (let round = 0; round < 60; round++) {
      const specs = [randomBatches(next), randomBatches(next)];
      const partitions = await Promise.all(
        specs.map(async (batches, partition) => {
          const encoded = await Promise.all(batches.map(recordBatch));
          const bytes = Buffer.concat(encoded);
          // The response's size limit may cut the last batch short (never more than that batch).
          const cut = next() < 0.4 ? 1 + Math.floor(next() * (encoded.at(-1)!.length - 1)) : 0;
          const records = bytes.subarray(0, bytes.length - cut);
          const first = batches[0].baseOffset;
          const last = batches.at(-1)!;
          const fetchOffset = first + Math.floor(next() * (last.baseOffset + 3 - first));
          return { partition, batches, records, fetchOffset, cut };
        }),
      );
      const raw = fetchResponse(
        'state',
        partitions.map(({ partition, records }) => ({ partition, highWatermark: 5000, records })),
      );
      // Taken a few records at a time, or all at once.
      const maxRecords = [1, 3, 10, Infinity][round % 4];
      const ours = await decode(
        raw,
        Object.fromEntries(partitions.map((p) => [p.partition, p.fetchOffset])),
        maxRecords,
      );
      const theirs = (await kafkajsV11.decode(raw)).responses[0].partitions;
      const { Batch } = kafkajsInternals();
      for (const p of partitions) {
        const expected = new Batch('state', String(p.fetchOffset), theirs[p.partition]).messages;
        const got = ours[p.partition];
        expect(seen(got.messages)).toEqual(seen(expected));
        expect(got.highWatermark).toBe(5000);
        // After the last complete batch, read from its header.
        const complete = p.cut > 0 ? p.batches.slice(0, -1) : p.batches;
        const lastComplete = complete.at(-1);
        expect(got.nextOffset).toBe(
          lastComplete === undefined
            ? null
            : lastComplete.baseOffset + lastComplete.lastOffsetDelta! + 1,
        );
        // Slices end where batches end, in order, the last where the response does; each but the
        // last holds at least maxRecords records, and none more than its last batch needed.
        const batchEnds = complete.map((b) => b.baseOffset + b.lastOffsetDelta! + 1);
        const ends = got.slices.map((slice) => slice.nextOffset);
        expect(ends.every((end) => batchEnds.includes(end))).toBe(true);
        expect(ends).toEqual([...new Set(ends)].sort((a, b) => a - b));
        expect(ends.at(-1) ?? null).toBe(got.nextOffset);
        expect(got.slices.slice(0, -1).every((slice) => slice.records >= maxRecords)).toBe(true);
        const largestBatch = Math.max(...p.batches.map((b) => b.records.length));
        expect(got.slices.every((slice) => slice.records < maxRecords + largestBatch)).toBe(true);
      }
    }
  });

  it('serves committed transactions and leaves out aborted ones and their markers', async () => {
    const value = (text: string) => ({ key: 'k', value: text });
    const records = Buffer.concat([
      await recordBatch({ baseOffset: 9, records: [{ offsetDelta: 0, ...value('plain') }] }),
      await recordBatch({
        baseOffset: 10,
        producerId: 7,
        transactional: true,
        records: [0, 1, 2].map((d) => ({ offsetDelta: d, ...value(`aborted-${d}`) })),
      }),
      await markerBatch(13, 7, 'abort'),
      await recordBatch({
        baseOffset: 14,
        producerId: 8,
        transactional: true,
        records: [0, 1].map((d) => ({ offsetDelta: d, ...value(`committed-${d}`) })),
      }),
      await markerBatch(16, 8, 'commit'),
      // The same producer as the aborted transaction, after its abort marker: a new transaction.
      await recordBatch({
        baseOffset: 17,
        producerId: 7,
        transactional: true,
        records: [{ offsetDelta: 0, ...value('next') }],
      }),
      await markerBatch(18, 7, 'commit'),
    ]);
    const [partition] = await decode(
      fetchResponse('state', [
        {
          partition: 0,
          highWatermark: 19,
          abortedTransactions: [{ producerId: 7, firstOffset: 10 }],
          records,
        },
      ]),
      { 0: 9 },
    );
    expect(partition.messages.map((m) => [m.offset, m.value?.toString()])).toEqual([
      ['9', 'plain'],
      ['14', 'committed-0'],
      ['15', 'committed-1'],
      ['17', 'next'],
    ]);
    // Past the last marker, so that a reader reaches the high watermark.
    expect(partition.nextOffset).toBe(19);
  });

  it('moves past a batch whose last records were compacted away, and one of only earlier records', async () => {
    const records = Buffer.concat([
      await recordBatch({
        baseOffset: 0,
        lastOffsetDelta: 4,
        records: [0, 1].map((offsetDelta) => ({ offsetDelta, key: 'k', value: 'v' })),
      }),
    ]);
    const response = fetchResponse('state', [{ partition: 0, highWatermark: 9, records }]);
    const [fromStart] = await decode(response, { 0: 0 });
    expect(fromStart.messages.map((m) => m.offset)).toEqual(['0', '1']);
    expect(fromStart.nextOffset).toBe(5);
    const [fromLater] = await decode(response, { 0: 3 });
    expect(fromLater.messages).toEqual([]);
    expect(fromLater.nextOffset).toBe(5);
  });

  it('stamps every record with the broker time of a LOG_APPEND_TIME batch', async () => {
    const records = await recordBatch({
      baseOffset: 0,
      baseTimestamp: 1000,
      maxTimestamp: 5000,
      logAppendTime: true,
      records: [0, 1].map((offsetDelta) => ({
        offsetDelta,
        timestampDelta: offsetDelta,
        key: 'k',
        value: 'v',
      })),
    });
    const [partition] = await decode(
      fetchResponse('t', [{ partition: 0, highWatermark: 2, records }]),
    );
    expect(partition.messages.map((m) => m.timestamp)).toEqual(['5000', '5000']);
  });

  it('reports an empty partition, its error code, and leaves the old message format to kafkajs', async () => {
    const legacy = Buffer.alloc(80);
    legacy[16] = 1; // magic 1
    const partitions = await decode(
      fetchResponse('t', [
        { partition: 0, highWatermark: 0, records: null },
        { partition: 1, highWatermark: 3, errorCode: 1, records: Buffer.alloc(0) },
        { partition: 2, highWatermark: 3, records: legacy },
      ]),
    );
    expect(
      partitions.map(({ partition, errorCode, nextOffset, messages }) => ({
        partition,
        errorCode,
        nextOffset,
        messages,
      })),
    ).toEqual([
      { partition: 0, errorCode: 0, nextOffset: null, messages: [] },
      { partition: 1, errorCode: 1, nextOffset: null, messages: [] },
      { partition: 2, errorCode: 0, nextOffset: null, messages: [] },
    ]);
    expect(partitions[2].legacy?.equals(legacy)).toBe(true);
  });

  it('fails clearly on a codec kafkajs has not been given, and on a record that runs past its batch', async () => {
    const batch = await recordBatch({
      baseOffset: 0,
      records: [{ offsetDelta: 0, key: 'k', value: 'v' }],
    });
    const snappy = Buffer.from(batch);
    snappy.writeInt16BE(snappy.readInt16BE(21) | SNAPPY, 21);
    await expect(
      decode(fetchResponse('t', [{ partition: 0, highWatermark: 1, records: snappy }])),
    ).rejects.toThrow('Snappy compression not implemented');
    const overlong = Buffer.from(batch);
    overlong[61] = 0x7e; // the first record's length (a zig-zag varint): 63 bytes, more than the batch holds
    await expect(
      decode(fetchResponse('t', [{ partition: 0, highWatermark: 1, records: overlong }])),
    ).rejects.toThrow(RangeError);
  });
  it('finds aborted transactions listed in any order, among interleaved producers and compressed batches', async () => {
    const txn = (baseOffset: number, producerId: number, text: string, compression = 0) =>
      recordBatch({
        baseOffset,
        producerId,
        transactional: true,
        compression,
        records: [{ offsetDelta: 0, key: 'k', value: text }],
      });
    const records = Buffer.concat([
      await txn(0, 1, 'p1-aborted'),
      await txn(1, 2, 'p2-committed', GZIP),
      await txn(2, 3, 'p3-aborted', GZIP),
      await markerBatch(3, 1, 'abort'),
      await txn(4, 1, 'p1-committed'),
      await markerBatch(5, 2, 'commit'),
      await markerBatch(6, 3, 'abort'),
      await markerBatch(7, 1, 'commit'),
    ]);
    const [partition] = await decode(
      fetchResponse('state', [
        {
          partition: 0,
          highWatermark: 8,
          // Brokers list them in the order the transactions ended, not by first offset.
          abortedTransactions: [
            { producerId: 3, firstOffset: 2 },
            { producerId: 1, firstOffset: 0 },
          ],
          records,
        },
      ]),
    );
    expect(partition.messages.map((m) => m.value?.toString())).toEqual([
      'p2-committed',
      'p1-committed',
    ]);
    expect(partition.nextOffset).toBe(8);
  });

  it('reads a header sent with no value as null, as kafkajs does', async () => {
    const records = await recordBatch({
      baseOffset: 0,
      records: [
        { offsetDelta: 0, key: 'k', value: null, nullHeaders: ['x-removed-by', 'x-removed-by'] },
      ],
    });
    const raw = fetchResponse('t', [{ partition: 0, highWatermark: 1, records }]);
    const [partition] = await decode(raw);
    const theirs = (await kafkajsV11.decode(raw)).responses[0].partitions[0].messages;
    expect(partition.messages[0].headers).toEqual({ 'x-removed-by': [null, null] });
    expect(seen(partition.messages)).toEqual(seen(theirs));
  });

  it('keeps headers named like object properties as headers', async () => {
    const headers = JSON.parse('{"__proto__": "p", "constructor": "c", "toString": "t"}') as Record<
      string,
      string
    >;
    const records = await recordBatch({
      baseOffset: 0,
      records: [{ offsetDelta: 0, key: 'k', value: 'v', headers }],
    });
    const [partition] = await decode(
      fetchResponse('t', [{ partition: 0, highWatermark: 1, records }]),
    );
    const [message] = partition.messages;
    expect(Object.keys(message.headers!)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.values(message.headers!).map(String)).toEqual(['p', 'c', 't']);
  });

  it('stops at the old message format after batches of the new one, leaving it for the next fetch', async () => {
    const records = Buffer.concat([
      await recordBatch({
        baseOffset: 0,
        records: [0, 1].map((offsetDelta) => ({ offsetDelta, key: 'k', value: 'v' })),
      }),
      legacyEntry(2),
    ]);
    const [partition] = await decode(
      fetchResponse('t', [{ partition: 0, highWatermark: 3, records }]),
    );
    expect(partition.messages.map((m) => m.offset)).toEqual(['0', '1']);
    expect(partition.nextOffset).toBe(2);
    // The next fetch starts at the old entry: kafkajs's to decode.
    const [next] = await decode(
      fetchResponse('t', [{ partition: 0, highWatermark: 3, records: legacyEntry(2) }]),
    );
    expect(next.legacy).toBeDefined();
  });

  it("carries the broker's throttle time and the response's own error code", async () => {
    const raw = fetchResponse('t', [], { throttleTimeMs: 250, errorCode: 7 });
    const response = decodeFetchResponse(raw, new Map(), codecOf);
    expect(response).toMatchObject({
      clientSideThrottleTime: 250,
      errorCode: 7,
      responses: [{ topicName: 't', partitions: [] }],
    });
  });
});
