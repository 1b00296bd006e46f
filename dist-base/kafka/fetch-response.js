"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.decodeFetchResponse = decodeFetchResponse;
const BATCH_HEADER_BYTES = 61;
const MAGIC_OFFSET = 16;
const RECORD_BATCH_MAGIC = 2;
const COMPRESSION_MASK = 0x07;
const LOG_APPEND_TIME_FLAG = 0x08;
const TRANSACTIONAL_FLAG = 0x10;
const CONTROL_FLAG = 0x20;
const ABORT_MARKER_TYPE = 0;
const NO_PRODUCER_ID = -1n;
async function decodeFetchResponse(raw, fetchOffsets, codecOf) {
    const reader = new Reader(raw);
    const clientSideThrottleTime = reader.int32();
    const errorCode = reader.int16();
    reader.skip(4);
    const responses = [];
    for (let topics = reader.int32(); topics > 0; topics--) {
        const topicName = reader.string();
        const partitions = [];
        for (let count = reader.int32(); count > 0; count--) {
            const partition = reader.int32();
            const errorCode = reader.int16();
            const highWatermark = reader.int64();
            reader.skip(8 + 8);
            const aborted = [];
            for (let n = reader.int32(); n > 0; n--) {
                aborted.push({ producerId: reader.bigInt64(), firstOffset: reader.int64() });
            }
            reader.skip(4);
            const size = reader.int32();
            const records = size > 0 ? reader.bytes(size) : null;
            const fetched = {
                partition,
                errorCode,
                highWatermark,
                messages: [],
                nextOffset: null,
            };
            if (records !== null && records.length > MAGIC_OFFSET) {
                if (records[MAGIC_OFFSET] === RECORD_BATCH_MAGIC) {
                    const fetchOffset = fetchOffsets.get(partition) ?? 0;
                    const filter = new TransactionFilter(aborted);
                    fetched.nextOffset = await decodeRecordBatches(records, fetchOffset, filter, codecOf, fetched.messages);
                }
                else {
                    fetched.legacy = records;
                }
            }
            partitions.push(fetched);
        }
        responses.push({ topicName, partitions });
    }
    return { clientSideThrottleTime, errorCode, responses };
}
class TransactionFilter {
    pending;
    abortedProducers = new Set();
    constructor(aborted) {
        this.pending = aborted.sort((a, b) => a.firstOffset - b.firstOffset);
    }
    serves(batch, abortMarker) {
        if (batch.producerId !== NO_PRODUCER_ID && batch.transactional) {
            while (this.pending.length > 0 && this.pending[0].firstOffset <= batch.lastOffset) {
                this.abortedProducers.add(this.pending.shift().producerId);
            }
            if (abortMarker)
                this.abortedProducers.delete(batch.producerId);
            else if (this.abortedProducers.has(batch.producerId))
                return false;
        }
        return !batch.control;
    }
}
async function decodeRecordBatches(bytes, fetchOffset, filter, codecOf, into) {
    let nextOffset = null;
    let at = 0;
    while (at + BATCH_HEADER_BYTES <= bytes.length) {
        const head = new Reader(bytes, at);
        const baseOffset = head.int64();
        const end = at + 12 + head.int32();
        if (end > bytes.length)
            break;
        head.skip(4);
        if (head.int8() !== RECORD_BATCH_MAGIC)
            break;
        head.skip(4);
        const attributes = head.int16();
        const lastOffsetDelta = head.int32();
        const baseTimestamp = head.int64();
        const maxTimestamp = head.int64();
        const producerId = head.bigInt64();
        head.skip(2 + 4);
        const count = head.int32();
        const batch = {
            baseOffset,
            lastOffset: baseOffset + lastOffsetDelta,
            producerId,
            transactional: (attributes & TRANSACTIONAL_FLAG) !== 0,
            control: (attributes & CONTROL_FLAG) !== 0,
        };
        nextOffset = batch.lastOffset + 1;
        at = end;
        if (batch.lastOffset < fetchOffset && !batch.transactional)
            continue;
        let records = new Reader(bytes, head.position, end);
        const codec = codecOf(attributes & COMPRESSION_MASK);
        if (codec !== null) {
            records = new Reader(await codec.decompress(bytes.subarray(head.position, end)));
        }
        if (batch.control) {
            const [marker] = decodeRecords(records, Math.min(count, 1), batch, 0, null, -Infinity, []);
            filter.serves(batch, marker !== undefined && isAbortMarker(marker.key));
            continue;
        }
        if (!filter.serves(batch, false))
            continue;
        const logAppendTime = (attributes & LOG_APPEND_TIME_FLAG) !== 0;
        decodeRecords(records, count, batch, baseTimestamp, logAppendTime ? maxTimestamp : null, fetchOffset, into);
    }
    return nextOffset;
}
function decodeRecords(reader, count, batch, baseTimestamp, logAppendTimestamp, fromOffset, into) {
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
const NO_HEADERS = Object.freeze({});
function decodeHeaders(reader, count) {
    const headers = {};
    for (let n = count; n > 0; n--) {
        const name = reader.varString();
        const header = reader.varBytes();
        const held = Object.hasOwn(headers, name) ? headers[name] : undefined;
        Object.defineProperty(headers, name, {
            value: held === undefined ? header : Array.isArray(held) ? [...held, header] : [held, header],
            enumerable: true,
            writable: true,
            configurable: true,
        });
    }
    return headers;
}
function isAbortMarker(key) {
    return key !== null && key.length >= 4 && key.readInt16BE(2) === ABORT_MARKER_TYPE;
}
class Reader {
    buffer;
    at;
    end;
    constructor(buffer, at = 0, end = buffer.length) {
        this.buffer = buffer;
        this.at = at;
        this.end = end;
    }
    get position() {
        return this.at;
    }
    skip(bytes) {
        this.at += bytes;
    }
    seek(position) {
        if (position > this.end)
            throw new RangeError('a record runs past the end of its batch');
        this.at = position;
    }
    int8() {
        return this.buffer.readInt8(this.take(1));
    }
    int16() {
        return this.buffer.readInt16BE(this.take(2));
    }
    int32() {
        return this.buffer.readInt32BE(this.take(4));
    }
    int64() {
        const at = this.take(8);
        return this.buffer.readInt32BE(at) * 2 ** 32 + this.buffer.readUInt32BE(at + 4);
    }
    bigInt64() {
        return this.buffer.readBigInt64BE(this.take(8));
    }
    string() {
        return this.text(this.int16());
    }
    varint() {
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
    bytes(length) {
        const start = this.take(length);
        return this.buffer.subarray(start, start + length);
    }
    varBytes() {
        const length = this.varint();
        return length < 0 ? null : this.bytes(length);
    }
    varString() {
        return this.text(this.varint());
    }
    text(length) {
        const start = this.take(Math.max(length, 0));
        return this.buffer.toString('utf8', start, start + Math.max(length, 0));
    }
    take(bytes) {
        const at = this.at;
        if (at + bytes > this.end)
            throw new RangeError('read past the end of the record batch');
        this.at = at + bytes;
        return at;
    }
}
//# sourceMappingURL=fetch-response.js.map