/**
 * patches/kafkajs+2.2.4.patch changes how kafkajs builds a produce request's record batches,
 * never what it sends: its protocol Encoder takes buffers from `Buffer.allocUnsafe` (Node's
 * pool, not zero-filled) instead of `Buffer.alloc`; a record writes its headers into its own
 * encoder, sized once; a batch's encoders are sized for what they hold; the CRC-32C runs
 * slicing-by-8. These tests check that `npm install` applied it, that the bytes of a batch are
 * those unpatched kafkajs 2.2.4 writes (a digest taken from it), that the CRC agrees with a
 * bit-by-bit CRC-32C, and, with memory full of garbage handed to the encoder (allocUnsafe
 * replaced to inject the fault), that no byte the encoder did not write leaves it.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { crc32C, decodeBatch, Decoder, kafkajsFile, Long, Record, RecordBatch } from '../../support/kafkajs-internals.ts';

/**
 * encodeBatch()'s bytes as unpatched kafkajs 2.2.4 writes them: 23,576 bytes whose SHA-256 is
 * this (taken with the files the patch replaces restored from the published package).
 */
const UNPATCHED = { length: 23_576, sha256: '047b5141feea4d39d5e621d5fa59880e3fb7bdd0cac065719bbce50d55a56cca' };

/** CRC-32C one bit at a time (reflected polynomial 0x82F63B78): slow, and independent of kafkajs's tables. */
function bitwiseCrc32C(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A batch of records with values past 512 bytes, one null key, and headers of strings, Buffers,
 * a list of values and non-ASCII text.
 */
async function encodeBatch(): Promise<Buffer> {
  const records = Array.from({ length: 20 }, (_, i) =>
    Record({
      offsetDelta: i,
      timestampDelta: i,
      key: i === 3 ? null : `SHP-${i}`,
      value: Buffer.alloc(100 + i * 97, i + 1),
      headers: { 'event-id': `e-${i}`, 'event-type': 'PickCompleted', clé: 'Zürich €', tags: ['a', `b-${i}`], traceparent: Buffer.from(`00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`) },
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

describe('kafkajs record batch patch', () => {
  it('is applied by npm install', () => {
    const source = readFileSync(kafkajsFile('kafkajs/src/protocol/encoder.js'), 'utf8');
    assert.match(source, /Patched by logistics-event-backbone/);
    assert.doesNotMatch(source, /Buffer\.alloc\(/);
    for (const file of ['recordBatch/record/v0/index.js', 'recordBatch/v0/index.js', 'recordBatch/crc32C/crc32C.js']) {
      assert.match(readFileSync(kafkajsFile(`kafkajs/src/protocol/${file}`), 'utf8'), /Patched by logistics-event-backbone/, file);
    }
  });

  it('writes a batch byte for byte as unpatched kafkajs does', async () => {
    const bytes = await encodeBatch();
    assert.equal(bytes.length, UNPATCHED.length);
    assert.equal(createHash('sha256').update(bytes).digest('hex'), UNPATCHED.sha256);
  });

  it('checksums as a bit-by-bit CRC-32C does, at every length and alignment', async () => {
    assert.equal(crc32C(Buffer.from('123456789')), 0xe3069283); // the standard check value
    const data = randomBytes(300);
    for (let start = 0; start < 9; start++) {
      for (let end = start; end <= data.length; end += 7) {
        const slice = data.subarray(start, end);
        assert.equal(crc32C(slice), bitwiseCrc32C(slice), `bytes ${start}..${end}`);
      }
    }
    // The batch's own CRC field (after base offset, length, leader epoch and magic) covers the rest.
    const batch = await encodeBatch();
    assert.equal(batch.readUInt32BE(17), bitwiseCrc32C(batch.subarray(21)));
  });

  it('writes the same bytes whatever the memory it is given held, and they decode to what was written', async () => {
    const a = await withGarbage(0xaa, encodeBatch);
    const b = await withGarbage(0x55, encodeBatch);
    assert.ok(a.length > 2000, `a batch of ${a.length} bytes`);
    assert.ok(a.equals(b), 'an unwritten byte reached the output');
    const decoded = await decodeBatch(new Decoder(a));
    assert.equal(decoded.records.length, 20);
    decoded.records.forEach((r, i) => {
      assert.equal(r.key?.toString() ?? null, i === 3 ? null : `SHP-${i}`);
      assert.equal(r.headers['clé']!.toString(), 'Zürich €');
      assert.deepEqual((r.headers.tags as unknown as Buffer[]).map(String), ['a', `b-${i}`]);
      assert.ok(r.value.equals(Buffer.alloc(100 + i * 97, i + 1)), `value ${i}`);
      assert.equal(r.headers['event-id']!.toString(), `e-${i}`);
      assert.equal(r.headers.traceparent!.toString(), `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`);
    });
  });
});
