import pRetry, { AbortError } from 'p-retry';
import { asBackboneError, type BackboneError } from '../errors/backbone-error.ts';

/** How often and how patiently to retry a retriable failure. */
export interface RetryPolicy {
  /** Attempts in total, including the first; `Infinity` retries until stopped. */
  maxAttempts: number;
  /** First backoff delay; doubles each attempt, with full jitter. */
  minDelayMs: number;
  maxDelayMs: number;
  /** Stop retrying once this much time has passed since the first attempt (default: no limit). */
  maxElapsedMs?: number;
}

/** Default for downstream calls: 6 attempts over roughly half a minute. */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 6, minDelayMs: 250, maxDelayMs: 10_000 };

/** Outcome of a retried operation that finally failed. */
export class RetriesExhausted extends Error {
  constructor(
    readonly error: BackboneError,
    readonly attempts: number,
  ) {
    super(error.message, { cause: error });
  }
}

/**
 * Runs `fn`, retrying while it fails with a retriable BackboneError (exponential backoff with
 * jitter, via p-retry). Non-retriable errors end at once. The decision reads `retriable`,
 * never the message. Rejects with RetriesExhausted carrying the last error and attempt count.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  opts: { signal?: AbortSignal; onRetry?: (error: BackboneError, attempt: number, delayMs: number) => void } = {},
): Promise<T> {
  let attempts = 0;
  let last: BackboneError | undefined;
  // The first attempt runs outside p-retry: nearly every call succeeds at once, and p-retry's
  // set-up per call was a measurable share of a consumer's CPU per record. A failed first
  // attempt is handed to p-retry as its attempt 1, so backoff and limits are unchanged.
  let firstFailure: { error: unknown } | undefined;
  if (!opts.signal?.aborted) {
    attempts = 1;
    let result: T | undefined;
    try {
      result = await fn(1);
    } catch (err) {
      firstFailure = { error: err };
    }
    if (!firstFailure) {
      // As p-retry does: a call that ends after the signal aborted does not count as done.
      if (opts.signal?.aborted) throw new RetriesExhausted(asBackboneError(opts.signal.reason), 1);
      return result as T;
    }
  }
  try {
    return await pRetry(
      async (attempt) => {
        attempts = attempt;
        try {
          if (attempt === 1 && firstFailure) throw firstFailure.error;
          return await fn(attempt);
        } catch (err) {
          last = asBackboneError(err);
          if (!last.retriable) throw new AbortError(last);
          throw last;
        }
      },
      {
        retries: policy.maxAttempts === Infinity ? Infinity : Math.max(0, policy.maxAttempts - 1),
        minTimeout: policy.minDelayMs,
        maxTimeout: policy.maxDelayMs,
        factor: 2,
        randomize: true,
        maxRetryTime: policy.maxElapsedMs ?? Infinity,
        signal: opts.signal,
        onFailedAttempt: ({ attemptNumber, retriesLeft }) => {
          if (last?.retriable && retriesLeft > 0) {
            opts.onRetry?.(last, attemptNumber, Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** (attemptNumber - 1)));
          }
        },
      },
    );
  } catch (err) {
    throw new RetriesExhausted(last ?? asBackboneError(err), attempts);
  }
}
