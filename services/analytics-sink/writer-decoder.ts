import type avro from 'avsc';
import type { AvroEventCodec } from '../platform/codec/avro-codec.ts';
import { compiledReaderFor } from '../platform/codec/compiled-reader.ts';
import { RegistryRejectedError, type RegistryClient } from '../platform/codec/registry-client.ts';
import { DecodeError } from '../platform/errors/backbone-error.ts';

/** Bytes before the Avro body in the Confluent wire format (magic byte + schema id). */
const HEADER_BYTES = 5;

/** An event decoded with the schema it was written with: every field the producer wrote, typed. */
export interface WriterDecodedEvent {
  eventType: string;
  writerSchemaId: number;
  writerType: avro.Type;
  event: Record<string, unknown>;
}

/**
 * Decodes records with their WRITER schema. The platform codec resolves every record to this
 * repository's reader schema, which would silently drop a field added by a newer producer; the
 * sink must keep it as a column, and needs no reader schema at all. So the platform codec reads
 * the wire-format header (same checks and error codes as every consumer), and the body is
 * decoded with the writer schema fetched from the registry by id (cached; read by its compiled
 * reader, or by avsc for types it does not cover), with the
 * backbone's logical types: timestamps arrive as Date, dates as "YYYY-MM-DD". The event type is
 * the writer record's simple name.
 */
export class WriterSchemaDecoder {
  constructor(
    private readonly codec: AvroEventCodec,
    private readonly registry: RegistryClient,
  ) {}

  /** Decodes one record value; DecodeError (never retriable) for bytes that are not a canonical event, RegistryUnavailableError during outages. */
  async decode(value: Buffer | null): Promise<WriterDecodedEvent> {
    const writerSchemaId = this.codec.schemaIdOf(value);
    let writerType: avro.Type;
    try {
      writerType = await this.registry.typeOf(writerSchemaId);
    } catch (err) {
      if (err instanceof RegistryRejectedError && err.code === 'SCHEMA_NOT_FOUND') {
        throw new DecodeError('UNKNOWN_SCHEMA_ID', `schema id ${writerSchemaId} is not in the registry`, err, { writerSchemaId });
      }
      throw err;
    }
    const fullName = writerType.name ?? '';
    const eventType = fullName.slice(fullName.lastIndexOf('.') + 1);
    let event: Record<string, unknown>;
    try {
      const read = compiledReaderFor(writerType);
      event = (read ? read(value as Buffer, HEADER_BYTES) : writerType.fromBuffer((value as Buffer).subarray(HEADER_BYTES))) as Record<string, unknown>;
    } catch (err) {
      throw new DecodeError('AVRO_DECODE_FAILED', `Avro body of schema id ${writerSchemaId} could not be decoded: ${(err as Error).message}`, err, {
        writerSchemaId,
      });
    }
    return { eventType, writerSchemaId, writerType, event };
  }
}
