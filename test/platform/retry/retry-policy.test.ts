import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BackboneError } from '../../../services/platform/errors/backbone-error.ts';
import { RetriesExhausted, withRetry, type RetryPolicy } from '../../../services/platform/retry/retry-policy.ts';

const fast: RetryPolicy = { maxAttempts: 4, minDelayMs: 1, maxDelayMs: 5 };
const retriable = (n: number) => new BackboneError('DOWNSTREAM_UNAVAILABLE', `attempt ${n} failed`, { retriable: true });
const permanent = new BackboneError('REJECTED', 'the downstream refused the record', { retriable: false });

const exhausted = async (p: Promise<unknown>): Promise<RetriesExhausted> => {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof RetriesExhausted, `not RetriesExhausted: ${String(e)}`);
    return e;
  }
  assert.fail('resolved');
};

describe('withRetry: retries on the retriable flag, never on message text', () => {
  it('returns the first attempt’s result, calling once with attempt 1', async () => {
    const calls: number[] = [];
    assert.equal(await withRetry(async (n) => (calls.push(n), 'done'), fast), 'done');
    assert.deepEqual(calls, [1]);
  });

  it('retries retriable failures with increasing attempt numbers, reporting each retry', async () => {
    const calls: number[] = [];
    const retries: Array<[string, number]> = [];
    const result = await withRetry(
      async (n) => {
        calls.push(n);
        if (n < 3) throw retriable(n);
        return n;
      },
      fast,
      { onRetry: (e, n) => retries.push([e.message, n]) },
    );
    assert.equal(result, 3);
    assert.deepEqual(calls, [1, 2, 3]);
    assert.deepEqual(retries, [['attempt 1 failed', 1], ['attempt 2 failed', 2]]);
  });

  it('gives up at once on a non-retriable failure, with that error and 1 attempt', async () => {
    let calls = 0;
    const e = await exhausted(withRetry(async () => (calls++, Promise.reject(permanent)), fast));
    assert.equal(calls, 1);
    assert.equal(e.error, permanent);
    assert.equal(e.attempts, 1);
  });

  it('stops after maxAttempts with the last error', async () => {
    let calls = 0;
    const e = await exhausted(withRetry(async (n) => (calls++, Promise.reject(retriable(n))), fast));
    assert.equal(calls, 4);
    assert.equal(e.attempts, 4);
    assert.equal(e.error.message, 'attempt 4 failed');
  });

  it('a first attempt that throws a nested RetriesExhausted is a failed attempt, not the outcome', async () => {
    const calls: number[] = [];
    const result = await withRetry(async (n) => {
      calls.push(n);
      if (n === 1) throw new RetriesExhausted(retriable(0), 3);
      return 'second';
    }, fast);
    assert.equal(result, 'second');
    assert.deepEqual(calls, [1, 2]);
  });

  it('does not call at all once the signal has aborted, and discards a result that ends after an abort', async () => {
    const aborted = AbortSignal.abort(new Error('stopping'));
    let calls = 0;
    await exhausted(withRetry(async () => (calls++, 'x'), fast, { signal: aborted }));
    assert.equal(calls, 0);
    const ac = new AbortController();
    const e = await exhausted(withRetry(async () => (ac.abort(new Error('stopping')), 'late'), fast, { signal: ac.signal }));
    assert.equal(e.attempts, 1);
  });
});
