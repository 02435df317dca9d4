import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type avro from 'avsc';
import { BackboneError, RegistryUnavailableError } from '../errors/backbone-error.ts';
import { logicalTypes } from '../schemas/logical-types.ts';
import { asciiViewTypeHook } from './ascii-string-view.ts';

/** HTTP status of a failed registry call, when there was a response at all. */
function statusOf(err: unknown): number | undefined {
  const s = (err as { status?: unknown })?.status;
  return typeof s === 'number' ? s : undefined;
}

/** A registry call failed for a reason retrying cannot fix (404, 409 incompatible, 422 invalid). */
export class RegistryRejectedError extends BackboneError {
  constructor(code: string, message: string, readonly status: number | undefined, cause: unknown) {
    super(code, message, { retriable: false, cause, details: { status } });
  }
}

/**
 * Maps a failed registry call to the backbone's errors: no answer, 408, 429 and 5xx are
 * retriable outages; 404 and other 4xx are definite answers.
 */
/**
 * mappersmith (the registry lib's HTTP layer) reports a failed connection as a fake response
 * with status 400; only the system error code in its message tells it from a real 400. This is
 * the one place the backbone reads a message: translating a third-party error at the boundary.
 */
const networkFailure = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|socket hang up|Timeout)\b/i;

export function classifyRegistryError(err: unknown, what: string): BackboneError {
  const message = err instanceof Error ? err.message : String(err);
  const status = networkFailure.test(message) ? undefined : statusOf(err);
  if (status === undefined || status === 408 || status === 429 || status >= 500) {
    return new RegistryUnavailableError(`schema registry unavailable while ${what}: ${message}`, err);
  }
  if (status === 404) return new RegistryRejectedError('SCHEMA_NOT_FOUND', `${what}: not found in the schema registry`, status, err);
  if (status === 409) return new RegistryRejectedError('SCHEMA_INCOMPATIBLE', `${what}: refused as incompatible: ${message}`, status, err);
  return new RegistryRejectedError('REGISTRY_REJECTED', `${what}: ${message}`, status, err);
}

/**
 * The backbone's view of a Confluent-API schema registry (Confluent Schema Registry, or
 * Apicurio's `/apis/ccompat/v7`), built on @kafkajs/confluent-schema-registry, which caches
 * schemas by id. Every failure is a BackboneError with an honest `retriable` flag.
 */
export class RegistryClient {
  readonly url: string;
  private readonly sr: SchemaRegistry;

  constructor(url: string) {
    this.url = url.replace(/\/+$/, '');
    // The lib's own retries are kept short: callers own the retry policy (and back-pressure).
    this.sr = new SchemaRegistry(
      { host: this.url, clientId: 'logistics-event-backbone', retry: { retries: 1, initialRetryTimeInSecs: 0.2 } },
      // Writer types read strings through the codec's record view too (see ascii-string-view.ts).
      { [SchemaType.AVRO]: { logicalTypes, typeHook: asciiViewTypeHook } },
    );
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw classifyRegistryError(err, what);
    }
  }

  /** Registers `schema` under `subject` (idempotent: an identical schema keeps its id). */
  async register(subject: string, schema: object): Promise<number> {
    const { id } = await this.call(`registering ${subject}`, () =>
      this.sr.register({ type: SchemaType.AVRO, schema: JSON.stringify(schema) }, { subject }),
    );
    return id;
  }

  /** The id under which exactly this schema is registered for `subject`; SCHEMA_NOT_FOUND when it is not. */
  async idOf(subject: string, schema: object): Promise<number> {
    return this.call(`looking up the registered id of ${subject}`, () =>
      this.sr.getRegistryIdBySchema(subject, { type: SchemaType.AVRO, schema: JSON.stringify(schema) }),
    );
  }

  /** The writer schema stored under `id`, parsed with the backbone's logical types (cached by the client). */
  async typeOf(id: number): Promise<avro.Type> {
    return (await this.call(`fetching schema id ${id}`, () => this.sr.getSchema(id))) as unknown as avro.Type;
  }

  private async json<T>(what: string, path: string, init?: RequestInit): Promise<T> {
    return this.call(what, async () => {
      const res = await fetch(`${this.url}${path}`, {
        ...init,
        headers: { accept: 'application/vnd.schemaregistry.v1+json', 'content-type': 'application/vnd.schemaregistry.v1+json' },
        signal: AbortSignal.timeout(10_000),
      });
      const body = await res.text();
      if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status} ${body.slice(0, 300)}`), { status: res.status });
      return JSON.parse(body) as T;
    });
  }

  /** Versions registered under a subject; empty when the subject does not exist. */
  async versions(subject: string): Promise<number[]> {
    try {
      return await this.json<number[]>(`listing versions of ${subject}`, `/subjects/${encodeURIComponent(subject)}/versions`);
    } catch (err) {
      if (err instanceof RegistryRejectedError && err.status === 404) return [];
      throw err;
    }
  }

  /** The schema text and id of one version of a subject. */
  async version(subject: string, version: number): Promise<{ id: number; version: number; schema: string }> {
    return this.json(`reading ${subject} version ${version}`, `/subjects/${encodeURIComponent(subject)}/versions/${version}`);
  }

  /** The latest version of a subject, or undefined when the subject does not exist. */
  async latest(subject: string): Promise<{ id: number; version: number; schema: string } | undefined> {
    try {
      return await this.json(`reading the latest ${subject}`, `/subjects/${encodeURIComponent(subject)}/versions/latest`);
    } catch (err) {
      if (err instanceof RegistryRejectedError && err.status === 404) return undefined;
      throw err;
    }
  }

  /** The registry's own verdict: is `schema` compatible with the latest version of `subject` under its configured rule? */
  async isCompatible(subject: string, schema: object): Promise<boolean> {
    const res = await this.json<{ is_compatible: boolean }>(
      `checking compatibility of ${subject}`,
      `/compatibility/subjects/${encodeURIComponent(subject)}/versions/latest`,
      { method: 'POST', body: JSON.stringify({ schema: JSON.stringify(schema) }) },
    );
    return res.is_compatible;
  }
}
