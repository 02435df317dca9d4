import { BackboneError } from '../errors/backbone-error.ts';
import { downstreamDuration, downstreamErrors } from './metrics.ts';

/** Why a downstream call failed, as a bounded label: timeout, aborted, connection, http_4xx, http_5xx, smtp_4xx or smtp_5xx. */
export function downstreamReason(err: unknown): string {
  const cause = (err as { cause?: unknown })?.cause ?? err;
  const name = (cause as { name?: string })?.name;
  if (name === 'TimeoutError' || (cause as { code?: string })?.code === 'ETIMEDOUT') return 'timeout';
  if (name === 'AbortError') return 'aborted';
  const smtpCode = (cause as { responseCode?: unknown })?.responseCode;
  if (typeof smtpCode === 'number' && smtpCode >= 400) return `smtp_${Math.floor(smtpCode / 100)}xx`;
  if (err instanceof BackboneError) {
    const status = err.details.status;
    if (typeof status === 'number') return `http_${Math.floor(status / 100)}xx`;
  }
  return 'connection';
}

/**
 * Runs one call to a downstream system and records its duration (outcome ok or error) and,
 * when it fails, its reason. The call's result or error passes through unchanged.
 */
export async function observeDownstream<T>(target: string, call: () => Promise<T>): Promise<T> {
  const end = downstreamDuration.startTimer({ target });
  try {
    const out = await call();
    end({ outcome: 'ok' });
    return out;
  } catch (err) {
    end({ outcome: 'error' });
    downstreamErrors.inc({ target, reason: downstreamReason(err) });
    throw err;
  }
}
