import { DeadlineError, settledWithin, withDeadline } from './deadline';

const never = new Promise<never>(() => undefined);

describe('withDeadline', () => {
  it('passes a result or a failure through when the work settles in time', async () => {
    await expect(withDeadline(Promise.resolve(7), 1000, 'late')).resolves.toBe(7);
    await expect(withDeadline(Promise.reject(new Error('broken')), 1000, 'late')).rejects.toThrow(
      'broken',
    );
  });

  it('rejects with a DeadlineError carrying the message when the work does not settle', async () => {
    const outcome = withDeadline(never, 5, 'no answer within 5 ms');
    await expect(outcome).rejects.toBeInstanceOf(DeadlineError);
    await expect(outcome).rejects.toThrow('no answer within 5 ms');
  });
});

describe('settledWithin', () => {
  it('says whether the work settled, a failure counting as settled', async () => {
    await expect(settledWithin(Promise.resolve(), 1000)).resolves.toBe(true);
    await expect(settledWithin(Promise.reject(new Error('x')), 1000)).resolves.toBe(true);
    await expect(settledWithin(never, 5)).resolves.toBe(false);
  });
});
