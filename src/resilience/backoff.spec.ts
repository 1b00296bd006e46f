import { backoffDelay, retryWithBackoff } from './backoff';

describe('backoffDelay', () => {
  it('doubles from the initial wait and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, 100, 1000))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect(backoffDelay(10_000, 100, 5000)).toBe(5000);
  });
});

describe('retryWithBackoff', () => {
  it('returns the first success and reports each failure before it', async () => {
    const retries: [string, number, number][] = [];
    let calls = 0;
    const result = await retryWithBackoff(
      async (attempt) => {
        calls++;
        if (attempt < 3) throw new Error(`fail ${attempt}`);
        return 'done';
      },
      { initialMs: 1, maxMs: 2, onRetry: (e, a, d) => retries.push([e.message, a, d]) },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(retries).toEqual([
      ['fail 1', 1, 1],
      ['fail 2', 2, 2],
    ]);
  });

  it('throws the last failure once the attempts are used up', async () => {
    let calls = 0;
    await expect(
      retryWithBackoff(
        async (attempt) => {
          calls++;
          throw new Error(`fail ${attempt}`);
        },
        { initialMs: 1, maxMs: 1, attempts: 3 },
      ),
    ).rejects.toThrow('fail 3');
    expect(calls).toBe(3);
  });

  it('stops waiting and throws the abort reason when the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const retried = retryWithBackoff(
      async () => {
        throw new Error('down');
      },
      { initialMs: 60_000, maxMs: 60_000, signal: controller.signal },
    );
    setImmediate(() => controller.abort(new Error('closing')));
    await expect(retried).rejects.toThrow('closing');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('throws at once a failure that retryIf refuses', async () => {
    let calls = 0;
    await expect(
      retryWithBackoff(
        async () => {
          calls++;
          throw new Error(calls === 1 ? 'transient' : 'final');
        },
        { initialMs: 1, maxMs: 1, retryIf: (error) => error.message === 'transient' },
      ),
    ).rejects.toThrow('final');
    expect(calls).toBe(2);
  });
});
