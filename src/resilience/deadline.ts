/** The work did not finish within its deadline; the work itself may still be running. */
export class DeadlineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadlineError';
  }
}

/**
 * The outcome of `work`, or a DeadlineError after `ms` when it has not settled by then. The timer
 * is cleared either way, so a finished race never holds the process open.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(message)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for `work` at most `ms`; true when it settled in time (its failure counts as settled). */
export async function settledWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  try {
    await withDeadline(work, ms, 'deadline');
    return true;
  } catch (error) {
    return !(error instanceof DeadlineError);
  }
}
