export interface BackoffOptions {
  /** The wait after the first failure; it doubles after each further one. */
  initialMs: number;
  /** The longest wait between two attempts. */
  maxMs: number;
  /** Attempts in all, the first included; the last failure is thrown. Default: no limit. */
  attempts?: number;
  /** Whether a failure is worth another attempt; one that is not is thrown at once. Default: all. */
  retryIf?: (error: Error) => boolean;
  /** Hears of each failure that will be retried, with the wait before the next attempt. */
  onRetry?: (error: Error, attempt: number, delayMs: number) => void;
  /** Stops retrying: a wait in progress ends at once and the signal's reason is thrown. */
  signal?: AbortSignal;
}

/** The wait after failed attempt `attempt` (1-based): capped exponential. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.min(attempt - 1, 30));
}

/** Runs `work` until it succeeds, waiting a capped exponential backoff between attempts. */
export async function retryWithBackoff<T>(
  work: (attempt: number) => Promise<T>,
  options: BackoffOptions,
): Promise<T> {
  const { initialMs, maxMs, attempts = Infinity, retryIf, onRetry, signal } = options;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await work(attempt);
    } catch (error) {
      signal?.throwIfAborted();
      if (attempt >= attempts || retryIf?.(error as Error) === false) throw error;
      const delay = backoffDelay(attempt, initialMs, maxMs);
      onRetry?.(error as Error, attempt, delay);
      await sleep(delay, signal);
    }
  }
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
