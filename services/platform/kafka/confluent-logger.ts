import type { Logger } from '../logging/logger.ts';
import type { CkLogger, CkLogLevel } from './confluent-module.ts';

/**
 * Routes @confluentinc/kafka-javascript's logging (its compat layer's own lines and
 * librdkafka's, with librdkafka's facility as `fac`) into the service's pino logger, like
 * kafkajsLogCreator does for kafkajs, so all output is one JSON stream. The compat layer sets
 * librdkafka's log level from kafkajsLevel(pino level); pino filters the rest.
 *
 * `onError` hears every error line's message: the compat layer reports librdkafka's error
 * events only this way (see ConfluentConsumerPort.onFatalCrash).
 */
export function confluentLogger(logger: Logger, onError?: (message: string) => void): CkLogger {
  const child = logger.child({ component: 'confluent-kafka' });
  // `name` is librdkafka's client instance name (e.g. "erp#consumer-2"): as `client`, so it does not clash with pino's `name`.
  const fields = (extra: Record<string, unknown> | undefined) => {
    if (!extra) return {};
    const { timestamp: _ts, name, ...rest } = extra;
    return name === undefined ? rest : { client: name, ...rest };
  };
  const bridge: CkLogger = {
    info: (message, extra) => child.info(fields(extra), message),
    warn: (message, extra) => child.warn(fields(extra), message),
    error: (message, extra) => {
      child.error(fields(extra), message);
      onError?.(message);
    },
    debug: (message, extra) => child.debug(fields(extra), message),
    // The compat layer calls this with the level it derived from ours; pino keeps filtering.
    setLogLevel: () => undefined,
    namespace: () => bridge,
  };
  return bridge;
}

/**
 * The compat layer's log level for a pino level (it sets librdkafka's log_level from it), as
 * kafkajsLevel: librdkafka's INFO lines (every join) are as chatty as kafkajs's, so `info` gets WARN.
 */
export function confluentLogLevel(pinoLevel: string): CkLogLevel {
  switch (pinoLevel) {
    case 'debug':
    case 'trace':
      return 4;
    case 'info':
      return 2;
    case 'silent':
      return 0;
    default:
      return 1;
  }
}

/**
 * True for a compat-layer error line that reports librdkafka's fatal error (ERR__FATAL, text
 * "Local: Fatal error"), after which the client never consumes again. The consume loop logs it
 * as "... Error details: KafkaJSError: Local: Fatal error ..."; the error-event path as
 * "Error: fatal error" (LibrdKafkaError lower-cases what follows "Local: ").
 */
export function reportsFatalError(message: string): boolean {
  return message.includes('Local: Fatal error') || /^Error: fatal error\b/.test(message);
}
