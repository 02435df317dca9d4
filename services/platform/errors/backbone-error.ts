/**
 * The one error base of the backbone. Retry and dead-letter decisions read `retriable` and
 * `code`, never the message text.
 */
export class BackboneError extends Error {
  /** Stable, machine-readable code, e.g. "REGISTRY_UNAVAILABLE"; part of the public contract (DLQ headers, HTTP bodies). */
  readonly code: string;
  /** True when the same operation may succeed if simply tried again later. */
  readonly retriable: boolean;
  /** Extra, non-secret facts for logs and dead-letter records. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    opts: { retriable: boolean; cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = opts.retriable;
    this.details = opts.details ?? {};
  }

  /** JSON for logs and HTTP bodies: code, message, details and the cause chain's messages. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, retriable: this.retriable, ...this.details };
  }
}

/** Configuration is missing or invalid; `details.path` names the offending setting. Never retriable. */
export class ConfigError extends BackboneError {
  constructor(message: string, details: { path: string; issues?: unknown }) {
    super('CONFIG_INVALID', message, { retriable: false, details });
  }
}

/** Input (a webhook body, a vendor field) violates its contract. Never retriable. */
export class ValidationError extends BackboneError {
  constructor(
    message: string,
    /** Each problem with the path of the field it concerns (e.g. "lines.0.quantity"). */
    readonly issues: ReadonlyArray<{ path: string; message: string }>,
    code = 'VALIDATION_FAILED',
  ) {
    super(code, message, { retriable: false, details: { issues } });
  }
}

/** A record could not be decoded (wrong magic byte, unknown schema id, truncated Avro, no reader for the writer schema). Never retriable. */
export class DecodeError extends BackboneError {
  constructor(code: string, message: string, cause?: unknown, details?: Record<string, unknown>) {
    super(code, message, { retriable: false, cause, details });
  }
}

/** Two schema versions cannot be resolved against each other; `details` names subject and field. */
export class SchemaIncompatibleError extends BackboneError {
  constructor(message: string, details: { subject: string; field: string; reason: string; version?: number }) {
    super('SCHEMA_INCOMPATIBLE', message, { retriable: false, details });
  }
}

/** The schema registry did not answer or answered 5xx. Retriable. */
export class RegistryUnavailableError extends BackboneError {
  constructor(message: string, cause?: unknown) {
    super('REGISTRY_UNAVAILABLE', message, { retriable: true, cause });
  }
}

/** Kafka did not acknowledge a write or could not be reached. Retriable. */
export class KafkaUnavailableError extends BackboneError {
  constructor(message: string, cause?: unknown) {
    super('KAFKA_UNAVAILABLE', message, { retriable: true, cause });
  }
}

/**
 * Kafka refused a write for a reason a retry cannot fix (the broker answered with a
 * non-retriable error: a record too large, an authorization failure, a producer fenced or out
 * of sequence). Not retriable.
 */
export class KafkaRejectedError extends BackboneError {
  constructor(message: string, cause?: unknown) {
    super('KAFKA_REJECTED', message, { retriable: false, cause });
  }
}

/**
 * A downstream HTTP system (ERP, CRM, ...) refused or failed a call. Retriable for timeouts,
 * connection errors, 408, 429 and 5xx; not for other 4xx, which retrying cannot fix.
 */
export class DownstreamError extends BackboneError {
  constructor(system: string, message: string, opts: { status?: number; cause?: unknown; retryAfterMs?: number }) {
    const s = opts.status;
    const retriable = s === undefined || s === 408 || s === 429 || s >= 500;
    super(retriable ? 'DOWNSTREAM_UNAVAILABLE' : 'DOWNSTREAM_REJECTED', message, {
      retriable,
      cause: opts.cause,
      details: { system, status: s, retryAfterMs: opts.retryAfterMs },
    });
  }
}

/** An error whose kind is unknown: treated as retriable, because giving up on an event is the costlier mistake. */
export function asBackboneError(err: unknown): BackboneError {
  if (err instanceof BackboneError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new BackboneError('UNEXPECTED', message, { retriable: true, cause: err });
}

/** A request body that is not syntactically valid JSON or EDI. Never retriable: answer 400. */
export class MalformedInputError extends BackboneError {
  constructor(code: 'MALFORMED_JSON' | 'MALFORMED_EDI', message: string, cause?: unknown) {
    super(code, message, { retriable: false, cause });
  }
}

/** A request body in a media type the endpoint does not take. Never retriable: answer 415. */
export class UnsupportedMediaTypeError extends BackboneError {
  constructor(message: string) {
    super('UNSUPPORTED_MEDIA_TYPE', message, { retriable: false });
  }
}
