import { TRUNCATED_BYTES, refusalOf, truncatedDeadLetter } from './refused-write';

describe('refusalOf', () => {
  it('finds a for-good refusal however kafkajs wrapped it', () => {
    expect(refusalOf({ type: 'MESSAGE_TOO_LARGE' })).toBe('MESSAGE_TOO_LARGE');
    expect(
      refusalOf({ name: 'KafkaJSNonRetriableError', originalError: { type: 'INVALID_RECORD' } }),
    ).toBe('INVALID_RECORD');
    expect(
      refusalOf({
        errors: [
          { type: 'LEADER_NOT_AVAILABLE' },
          { cause: { type: 'TOPIC_AUTHORIZATION_FAILED' } },
        ],
      }),
    ).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('leaves retriable and unknown errors to the backoff', () => {
    expect(refusalOf({ type: 'NOT_LEADER_FOR_PARTITION' })).toBeNull();
    expect(refusalOf(new Error('Connection error: ECONNREFUSED'))).toBeNull();
    expect(refusalOf(null)).toBeNull();
  });
});

describe('truncatedDeadLetter', () => {
  it('keeps the first bytes and the headers, and says what was cut', () => {
    const value = Buffer.alloc(3_000_000, 0x61);
    const letter = truncatedDeadLetter(
      {
        key: 'app-1',
        value,
        headers: { 'x-error': 'value: is 3000000 bytes, over the 65536-byte limit' },
      },
      'MESSAGE_TOO_LARGE',
    );
    expect((letter.value as Buffer).length).toBe(TRUNCATED_BYTES);
    expect((letter.key as Buffer).toString()).toBe('app-1');
    expect(letter.headers?.['x-error']).toBe('value: is 3000000 bytes, over the 65536-byte limit');
    expect(letter.headers?.['x-truncated']).toBe(
      'value 3000000 bytes, key 5 bytes, cut to 4096 each: MESSAGE_TOO_LARGE',
    );
  });
});
