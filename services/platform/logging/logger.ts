import { pino, type Logger } from 'pino';
import { logLevel as KafkaLogLevel, type logCreator } from 'kafkajs';
import { activeTraceFields, tracingActive } from '../telemetry/active-tracing.ts';
import { maskPersonalData } from './personal-data.ts';

export type { Logger } from 'pino';

/**
 * Fields that must never reach a log line: secrets, and personal data a vendor payload may
 * carry. pino replaces them with "[redacted]".
 */
export const redactPaths = [
  'secret',
  '*.secret',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["webhook-signature"]',
  'email',
  '*.email',
  'phone',
  '*.phone',
];

/**
 * The root JSON logger of a service; child loggers add topic, partition, offset, eventId,
 * shipmentId, correlationId. Personal data in logged objects is masked (personal-data.ts).
 * When tracing runs, every line also carries the active span's trace_id and span_id; with
 * tracing off there is no mixin at all, so it costs nothing.
 */
export function createLogger(service: string, level = 'info', destination?: number): Logger {
  const options = {
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths, censor: '[redacted]' },
    formatters: { level: (label: string) => ({ level: label }), log: (obj: Record<string, unknown>) => maskPersonalData(obj) },
    ...(tracingActive() ? { mixin: activeTraceFields } : {}),
  };
  // A command that prints results on stdout logs to stderr (fd 2) instead.
  return destination === undefined ? pino(options) : pino(options, pino.destination(destination));
}

const levelNames: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** Routes kafkajs's own logging into the service's pino logger, so all output is one JSON stream. */
export function kafkajsLogCreator(logger: Logger): logCreator {
  const child = logger.child({ component: 'kafkajs' });
  return () => ({ namespace, level, log }) => {
    const { message, timestamp: _ts, logger: _l, ...rest } = log;
    child[levelNames[level] ?? 'info']({ namespace, ...rest }, message);
  };
}

/** Maps a pino level name to the kafkajs level, so kafkajs does not produce debug records pino would drop anyway. */
export function kafkajsLevel(pinoLevel: string): KafkaLogLevel {
  switch (pinoLevel) {
    case 'debug':
    case 'trace':
      return KafkaLogLevel.DEBUG;
    case 'info':
      // kafkajs INFO is chatty (every join/sync); WARN keeps operator logs readable.
      return KafkaLogLevel.WARN;
    case 'silent':
      return KafkaLogLevel.NOTHING;
    default:
      return KafkaLogLevel.ERROR;
  }
}
