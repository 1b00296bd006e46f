import type { IHeaders, Message } from 'kafkajs';

/** Broker answers that no retry can change: the record itself, or our right to write it. */
const REFUSED_FOR_GOOD = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'TOPIC_AUTHORIZATION_FAILED',
]);

/** The broker's error type behind a kafkajs error, however deeply kafkajs wrapped it. */
export function refusalOf(error: unknown, depth = 0): string | null {
  if (typeof error !== 'object' || error === null || depth > 5) return null;
  const { type, originalError, cause, errors } = error as {
    type?: unknown;
    originalError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof type === 'string' && REFUSED_FOR_GOOD.has(type)) return type;
  for (const inner of [originalError, cause, ...(Array.isArray(errors) ? errors : [])]) {
    const found = refusalOf(inner, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** How much of a refused dead letter's key and value is kept. */
export const TRUNCATED_BYTES = 4096;

function bytesOf(data: Message['value'] | Message['key']): Buffer | null {
  if (data === null || data === undefined) return null;
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}

/**
 * The smaller stand-in for a dead letter the broker refused (too large once headers are added, or
 * over the DLQ topic's max.message.bytes): the first bytes of the key and value, the original
 * headers, and `x-truncated` saying what was cut and why.
 */
export function truncatedDeadLetter(message: Message, refusal: string): Message {
  const key = bytesOf(message.key);
  const value = bytesOf(message.value);
  const headers: IHeaders = { ...(message.headers ?? {}) };
  headers['x-truncated'] =
    `value ${value?.length ?? 0} bytes, key ${key?.length ?? 0} bytes, cut to ${TRUNCATED_BYTES} each: ${refusal}`;
  return {
    key: key === null ? null : key.subarray(0, TRUNCATED_BYTES),
    value: value === null ? null : value.subarray(0, TRUNCATED_BYTES),
    headers,
  };
}
