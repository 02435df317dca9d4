import { KafkaRejectedError, type BackboneError } from '../errors/backbone-error.ts';
import { kafkaUnavailable } from './record-positions.ts';

/** The fields of a kafkajs error this module reads. */
interface KafkajsErrorLike {
  name?: string;
  retriable?: boolean;
  cause?: unknown;
}

/**
 * True when kafkajs failed because the broker answered a request with a non-retriable protocol
 * error and nothing in the error's cause chain was transient. kafkajs wraps a connection error
 * whose reconnects ran out in a KafkaJSNonRetriableError; its cause is still retriable, and
 * such a failure is an outage, not a refusal.
 */
function isKafkajsRefusal(err: unknown): boolean {
  let refused = false;
  const seen = new Set<unknown>();
  for (let e = err as KafkajsErrorLike | undefined; e && typeof e === 'object' && !seen.has(e); e = e.cause as KafkajsErrorLike | undefined) {
    seen.add(e);
    if (e.retriable === true) return false;
    if (e.name === 'KafkaJSProtocolError' && e.retriable === false) refused = true;
  }
  return refused;
}

/**
 * A kafkajs write failure as a BackboneError: KafkaRejectedError (not retriable) when the broker
 * refused it, otherwise KafkaUnavailableError (retriable; an unknown failure counts as an
 * outage, because giving an event up is the costlier mistake).
 */
export function kafkajsWriteError(what: string, err: unknown): BackboneError {
  if (!isKafkajsRefusal(err)) return kafkaUnavailable(what, err);
  return new KafkaRejectedError(`Kafka refused ${what}: ${err instanceof Error ? err.message : String(err)}`, err);
}
