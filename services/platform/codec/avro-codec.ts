import avro from 'avsc';
import { DecodeError, SchemaIncompatibleError } from '../errors/backbone-error.ts';
import type { EventSchema } from '../schemas/schema-catalog.ts';
import { withStringView } from './ascii-string-view.ts';
import { compiledReaderFor, type CompiledReader } from './compiled-reader.ts';
import { FRAME_HEADER_BYTES as HEADER_BYTES, FrameEncodeError, FrameEncoder, writeSchemaId } from './frame-encoder.ts';
import { RegistryRejectedError, type RegistryClient } from './registry-client.ts';

/** First byte of the Confluent wire format. */
const MAGIC_BYTE = 0;

/**
 * How a writer schema id decodes: with the reader's compiled reader (same schema), with avsc
 * and a resolver (another version), or not at all.
 */
type ReaderFor =
  | { reader: EventSchema; compiled: CompiledReader; resolver?: undefined }
  | { reader: EventSchema; compiled?: undefined; resolver: avro.Resolver | undefined }
  | { eventType: string; unknown: true };

/** What `peek` tells about a record without decoding its body. */
export interface PeekedEvent {
  writerSchemaId: number;
  eventType: string;
  /** False when this process has no reader schema for the event type. */
  known: boolean;
}

function peeked(writerSchemaId: number, r: ReaderFor): PeekedEvent {
  return 'unknown' in r ? { writerSchemaId, eventType: r.eventType, known: false } : { writerSchemaId, eventType: r.reader.eventType, known: true };
}

/** An event read from Kafka: decoded into the consumer's reader schema, never a Buffer. */
export interface DecodedEvent<T = unknown> {
  eventType: string;
  event: T;
  /** Registry id of the schema the producer wrote with. */
  writerSchemaId: number;
}

/**
 * Encodes canonical events in the Confluent wire format (magic byte, 4-byte schema id,
 * Avro body) and decodes them writer → reader with Avro schema resolution, so a consumer
 * built for one schema version reads events written with any compatible version. Records
 * written with the reader's own schema, the usual case, are read by a compiled reader.
 */
export class AvroEventCodec {
  private readonly registry: RegistryClient;
  private readonly readers: Map<string, EventSchema>;
  private readonly writerIds = new Map<string, Promise<number>>();
  // Settled lookups, read synchronously: awaiting a cached promise on every record costs real time.
  private readonly knownWriterIds = new Map<string, number>();
  private readonly resolvers = new Map<number, Promise<ReaderFor>>();
  private readonly knownResolvers = new Map<number, ReaderFor>();
  private readonly encoder = new FrameEncoder();

  /** `schemas`: the event types this process writes and reads (its reader schemas). */
  constructor(registry: RegistryClient, schemas: Map<string, EventSchema>) {
    this.registry = registry;
    this.readers = schemas;
  }

  /** The reader schema for an event type, or an error naming the type. */
  schemaOf(eventType: string): EventSchema {
    const s = this.readers.get(eventType);
    if (!s) throw new DecodeError('UNKNOWN_EVENT_TYPE', `no schema for event type "${eventType}"`);
    return s;
  }

  /**
   * The registry id of this process's schema for `eventType`. Schemas are registered by
   * `npm run schemas:register` (or at start-up by `npm start`), not implicitly by producers.
   */
  async writerId(eventType: string): Promise<number> {
    let id = this.writerIds.get(eventType);
    if (!id) {
      const s = this.schemaOf(eventType);
      id = this.registry.idOf(s.fullName, s.schema);
      this.writerIds.set(eventType, id);
      // A failed lookup (registry down, not yet registered) must be retried later, not cached.
      id.then(
        (n) => this.knownWriterIds.set(eventType, n),
        () => this.writerIds.delete(eventType),
      );
    }
    return id;
  }

  /**
   * Encodes an event in one pass; fails with the field paths when the value does not match
   * its schema (checked before the registry is asked for the id).
   */
  async encode(eventType: string, event: unknown): Promise<Buffer> {
    const out = this.frame(eventType, event);
    writeSchemaId(out, this.knownWriterIds.get(eventType) ?? (await this.writerId(eventType)));
    return out;
  }

  /**
   * `encode` without a promise, once this process has looked the event type's schema id up
   * (every event of the type after the first): `undefined` until then, and the caller awaits
   * `encode`. Fails as `encode` does on an event that does not match its schema.
   */
  encodeKnown(eventType: string, event: unknown): Buffer | undefined {
    const id = this.knownWriterIds.get(eventType);
    if (id === undefined) return undefined;
    const out = this.frame(eventType, event);
    writeSchemaId(out, id);
    return out;
  }

  /** The event's Avro body behind a 5-byte header whose schema id is still to be written. */
  private frame(eventType: string, event: unknown): Buffer {
    const s = this.schemaOf(eventType);
    try {
      return this.encoder.encode(s.type, event);
    } catch (err) {
      if (!(err instanceof FrameEncodeError)) throw err;
      throw new DecodeError('EVENT_INVALID', `${eventType} does not match its schema at: ${err.paths.join(', ')}`, err, { paths: err.paths });
    }
  }

  private resolverFor(writerId: number): Promise<ReaderFor> {
    let r = this.resolvers.get(writerId);
    if (!r) {
      r = (async () => {
        let writer: avro.Type;
        try {
          writer = await this.registry.typeOf(writerId);
        } catch (err) {
          if (err instanceof RegistryRejectedError && err.code === 'SCHEMA_NOT_FOUND') {
            throw new DecodeError('UNKNOWN_SCHEMA_ID', `schema id ${writerId} is not in the registry`, err, { writerSchemaId: writerId });
          }
          throw err;
        }
        const fullName = writer.name ?? '';
        const eventType = fullName.slice(fullName.lastIndexOf('.') + 1);
        const reader = this.readers.get(eventType);
        if (!reader) return { eventType, unknown: true as const };
        // Same canonical schema: the reader's own type reads the bytes directly, without resolution.
        if (writer.fingerprint().equals(reader.type.fingerprint())) {
          const compiled = compiledReaderFor(reader.type);
          return compiled ? { reader, compiled } : { reader, resolver: undefined };
        }
        try {
          return { reader, resolver: reader.type.createResolver(writer) };
        } catch (err) {
          throw new SchemaIncompatibleError(
            `cannot read ${fullName} (schema id ${writerId}) with this consumer's reader schema: ${(err as Error).message}`,
            { subject: fullName, field: '', reason: (err as Error).message },
          );
        }
      })();
      this.resolvers.set(writerId, r);
      r.then(
        (v) => this.knownResolvers.set(writerId, v),
        () => this.resolvers.delete(writerId),
      );
    }
    return r;
  }

  /**
   * Reads the event type a record was written as, without decoding the body (`known` false
   * for types this process has no reader schema for).
   */
  async peek(value: Buffer | null): Promise<PeekedEvent> {
    const writerSchemaId = this.headerOf(value);
    return peeked(writerSchemaId, this.knownResolvers.get(writerSchemaId) ?? (await this.resolverFor(writerSchemaId)));
  }

  /** `peek` without a promise: `undefined` when the writer schema has not been looked up yet (then await `peek`). */
  peekKnown(value: Buffer | null): PeekedEvent | undefined {
    const writerSchemaId = this.headerOf(value);
    const r = this.knownResolvers.get(writerSchemaId);
    return r === undefined ? undefined : peeked(writerSchemaId, r);
  }

  /**
   * The registry id of the schema a record was written with, read from its wire-format header
   * (BAD_MAGIC_BYTE / TRUNCATED_RECORD when there is none). For consumers that decode with the
   * writer schema itself, such as the analytics sink.
   */
  schemaIdOf(value: Buffer | null): number {
    return this.headerOf(value);
  }

  private headerOf(value: Buffer | null): number {
    if (!value || value.length < HEADER_BYTES) {
      throw new DecodeError('TRUNCATED_RECORD', `record value has ${value?.length ?? 0} bytes, fewer than the 5-byte wire-format header`);
    }
    if (value[0] !== MAGIC_BYTE) {
      throw new DecodeError('BAD_MAGIC_BYTE', `record value starts with byte ${value[0]}, not the wire-format magic byte 0`);
    }
    return value.readUInt32BE(1);
  }

  /** Decodes a record value into this process's reader schema (read in place, after the header). */
  async decode<T = unknown>(value: Buffer | null): Promise<DecodedEvent<T>> {
    const writerSchemaId = this.headerOf(value);
    const r = this.knownResolvers.get(writerSchemaId) ?? (await this.resolverFor(writerSchemaId));
    return this.read<T>(r, value as Buffer, writerSchemaId);
  }

  /**
   * `decode` without a promise, for the per-record hot path: the decoded event, or `undefined`
   * when the record's writer schema has not been looked up in the registry yet (then await
   * `decode`, which looks it up). Throws the same DecodeErrors as `decode`.
   */
  decodeKnown<T = unknown>(value: Buffer | null): DecodedEvent<T> | undefined {
    const writerSchemaId = this.headerOf(value);
    const r = this.knownResolvers.get(writerSchemaId);
    return r === undefined ? undefined : this.read<T>(r, value as Buffer, writerSchemaId);
  }

  private read<T>(r: ReaderFor, value: Buffer, writerSchemaId: number): DecodedEvent<T> {
    if ('unknown' in r) {
      throw new DecodeError('UNKNOWN_EVENT_TYPE', `no reader schema for event type "${r.eventType}" (schema id ${writerSchemaId})`);
    }
    let failure: string;
    try {
      if (r.compiled) return { eventType: r.reader.eventType, event: r.compiled(value, HEADER_BYTES) as T, writerSchemaId };
      const read = withStringView(value, () => r.reader.type.decode(value, HEADER_BYTES, r.resolver));
      if (read.offset === value.length) return { eventType: r.reader.eventType, event: read.value as T, writerSchemaId };
      failure = read.offset < 0 ? 'truncated buffer' : 'trailing data';
    } catch (err) {
      throw new DecodeError('AVRO_DECODE_FAILED', `Avro body of schema id ${writerSchemaId} could not be decoded: ${(err as Error).message}`, err, {
        writerSchemaId,
      });
    }
    throw new DecodeError('AVRO_DECODE_FAILED', `Avro body of schema id ${writerSchemaId} could not be decoded: ${failure}`, undefined, { writerSchemaId });
  }
}
