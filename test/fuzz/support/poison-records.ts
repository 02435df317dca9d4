/**
 * Records for the consumer side of the bad-input battery: valid PickCompleted events (which
 * the ERP consumer must post once), and poison of every kind a consumer meets on a topic:
 * random bytes with a wrong magic byte, values shorter than the wire-format header (null
 * included), an unknown schema id, truncated Avro, Avro with trailing bytes, a writer schema
 * the reader cannot resolve; any of them with huge or repeated headers.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { AvroEventCodec } from '../../../services/platform/codec/avro-codec.ts';
import { pickCompletedEvent } from '../../support/fixtures.ts';

/** What a record is, and the dead-letter code it must get (none for a valid event). */
export type PoisonKind = 'valid' | 'wrong magic byte' | 'shorter than the header' | 'unknown schema id' | 'truncated Avro' | 'trailing bytes' | 'incompatible writer schema';

/** The dead-letter error code per poison kind. */
export const expectedDeadLetterCode: Record<Exclude<PoisonKind, 'valid'>, string> = {
  'wrong magic byte': 'BAD_MAGIC_BYTE',
  'shorter than the header': 'TRUNCATED_RECORD',
  'unknown schema id': 'UNKNOWN_SCHEMA_ID',
  'truncated Avro': 'AVRO_DECODE_FAILED',
  'trailing bytes': 'AVRO_DECODE_FAILED',
  'incompatible writer schema': 'SCHEMA_INCOMPATIBLE',
};

/** A record to produce, built lazily (valid frames need the registry). */
export interface PoisonSpec {
  kind: PoisonKind;
  /** Decides the bytes of the value from a valid frame (and the incompatible schema's id). */
  value(validFrame: Buffer, incompatibleSchemaId: number): Buffer | null;
  headers: Record<string, string | string[]>;
  /** Null: no key (the consumer keys by partition). */
  keyed: boolean;
  label: string;
}

/** Schema ids far beyond what a registry hands out in tests. */
const unknownId = fc.integer({ min: 50_000_000, max: 0xffff_ffff });

const headerArb: fc.Arbitrary<Record<string, string | string[]>> = fc.oneof(
  { weight: 3, arbitrary: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/), fc.string({ maxLength: 40 }), { maxKeys: 4 }) },
  // Huge: 20-200 kB of header values.
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 200 }).map((kb) => ({ 'x-huge': 'H'.repeat(kb * 1024) })) },
  // Many, and repeated keys (Kafka allows a header name more than once).
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 400 }).map((n) => ({ ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`x-h${i}`, `v${i}`])), 'x-repeated': ['a', 'b', 'c'] })) },
);

const spec = (kind: PoisonKind, label: string, value: PoisonSpec['value']) =>
  fc.record({ headers: headerArb, keyed: fc.boolean() }).map(
    ({ headers, keyed }) => ({ kind, label, value, headers, keyed, [fc.toStringMethod]: () => `${label} (${Object.keys(headers).length} headers)` }) as PoisonSpec,
  );

/** One record: valid about a third of the time, else poison of a random kind. */
export const poisonSpec: fc.Arbitrary<PoisonSpec> = fc.oneof(
  { weight: 5, arbitrary: spec('valid', 'valid PickCompleted', (frame) => frame) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 255 }), fc.uint8Array({ minLength: 4, maxLength: 2048 }))
      .chain(([magic, rest]) => spec('wrong magic byte', `magic byte ${magic} + ${rest.length} random bytes`, () => Buffer.concat([Buffer.of(magic), rest]))),
  },
  {
    weight: 1,
    arbitrary: fc
      .option(fc.uint8Array({ maxLength: 4 }), { nil: null, freq: 4 })
      .chain((v) => spec('shorter than the header', v === null ? 'null value' : `${v.length}-byte value`, () => (v === null ? null : Buffer.from(v)))),
  },
  {
    weight: 2,
    arbitrary: unknownId.chain((id) =>
      spec('unknown schema id', `schema id ${id}`, (frame) => {
        const b = Buffer.from(frame);
        b.writeUInt32BE(id, 1);
        return b;
      }),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.noBias(fc.integer({ min: 0, max: 999 })).map((n) => n / 1000).chain((f) =>
      spec('truncated Avro', `Avro cut at ${f.toFixed(3)} of its body`, (frame) => frame.subarray(0, 5 + Math.floor(f * (frame.length - 5)))),
    ),
  },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).chain((extra) => spec('trailing bytes', `${extra.length} bytes after the Avro body`, (frame) => Buffer.concat([frame, extra]))) },
  {
    weight: 1,
    arbitrary: spec('incompatible writer schema', 'written with an unresolvable PickCompleted schema', (frame, id) => {
      const b = Buffer.from(frame);
      b.writeUInt32BE(id, 1);
      return b;
    }),
  },
);

/** A valid PickCompleted frame (Confluent wire format) for a shipment, and its event id. */
export async function validFrame(codec: AvroEventCodec, shipmentId: string): Promise<{ frame: Buffer; eventId: string }> {
  const event = pickCompletedEvent(shipmentId);
  event.envelope.eventId = randomUUID();
  return { frame: await codec.encode('PickCompleted', event), eventId: event.envelope.eventId };
}

/**
 * A writer schema the reader cannot resolve: a record named PickCompleted (so the consumer
 * takes it for one) in a namespace of its own, whose envelope is a string.
 */
export function incompatiblePickCompletedSchema(): object {
  return { type: 'record', name: 'PickCompleted', namespace: `fuzz_${randomUUID().replace(/-/g, '').slice(0, 12)}.events`, fields: [{ name: 'envelope', type: 'string' }] };
}
