/**
 * patches/kafkajs+2.2.4.patch makes kafkajs's protocol Encoder take its buffers from
 * `Buffer.allocUnsafe` (Node's pool, not zero-filled) instead of `Buffer.alloc`. That is safe
 * only if no byte the encoder did not write ever leaves it. These tests hand the encoder
 * memory full of garbage (allocUnsafe replaced to inject the fault) and check that what it
 * writes does not change, and that `npm install` applied the patch.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';

const require = createRequire(import.meta.url);
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js') as { RecordBatch: (o: Record<string, unknown>) => Promise<{ buffer: Buffer }> };
const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (o: Record<string, unknown>) => unknown;
const Decoder = require('kafkajs/src/protocol/decoder.js') as new (b: Buffer) => unknown;
const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder.js') as (d: unknown) => Promise<{ records: Array<{ key: Buffer; value: Buffer; headers: Record<string, Buffer> }> }>;
const Long = require('kafkajs/src/utils/long.js') as { fromInt(n: number): unknown };

/** A batch of records with values past the encoder's first 512 bytes (so its buffers grow) and headers of strings and Buffers. */
async function encodeBatch(): Promise<Buffer> {
  const records = Array.from({ length: 20 }, (_, i) =>
    Record({
      offsetDelta: i,
      timestampDelta: i,
      key: `SHP-${i}`,
      value: Buffer.alloc(100 + i * 97, i + 1),
      headers: { 'event-id': `e-${i}`, 'event-type': 'PickCompleted', traceparent: Buffer.from(`00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`) },
    }),
  );
  const at = 1_760_000_000_000;
  const batch = await RecordBatch({ firstOffset: Long.fromInt(0), firstTimestamp: at, maxTimestamp: at + 19, lastOffsetDelta: 19, producerId: Long.fromInt(7), producerEpoch: 0, firstSequence: 0, records });
  return Buffer.from(batch.buffer);
}

/** Runs `fn` while every Buffer.allocUnsafe returns memory filled with `garbage`. */
async function withGarbage<T>(garbage: number, fn: () => Promise<T>): Promise<T> {
  const original = Buffer.allocUnsafe;
  Buffer.allocUnsafe = (size: number) => original(size).fill(garbage);
  try {
    return await fn();
  } finally {
    Buffer.allocUnsafe = original;
  }
}

describe('kafkajs Encoder patch (allocUnsafe)', () => {
  it('is applied by npm install', () => {
    const source = readFileSync(require.resolve('kafkajs/src/protocol/encoder.js'), 'utf8');
    assert.match(source, /Patched by logistics-event-backbone/);
    assert.doesNotMatch(source, /Buffer\.alloc\(/);
  });

  it('writes the same bytes whatever the memory it is given held, and they decode to what was written', async () => {
    const a = await withGarbage(0xaa, encodeBatch);
    const b = await withGarbage(0x55, encodeBatch);
    assert.ok(a.length > 2000, `a batch of ${a.length} bytes`);
    assert.ok(a.equals(b), 'an unwritten byte reached the output');
    const decoded = await decodeBatch(new Decoder(a));
    assert.equal(decoded.records.length, 20);
    decoded.records.forEach((r, i) => {
      assert.equal(r.key.toString(), `SHP-${i}`);
      assert.ok(r.value.equals(Buffer.alloc(100 + i * 97, i + 1)), `value ${i}`);
      assert.equal(r.headers['event-id']!.toString(), `e-${i}`);
      assert.equal(r.headers.traceparent!.toString(), `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`);
    });
  });
});
