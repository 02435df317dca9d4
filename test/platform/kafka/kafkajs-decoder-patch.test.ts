/**
 * patches/kafkajs+2.2.4.patch also changes how kafkajs decodes a fetched record batch, never what
 * it yields: a record's headers are gathered in one object (the original spread a new object
 * per header), and its offset and timestamp are added as numbers from the batch's base when
 * they are safe integers. These tests decode many batches with the patched decoder and with `referenceBatch`, the
 * unpatched kafkajs 2.2.4 record decoding written out below, and require equal results: across
 * duplicate, null and odd header keys (`__proto__`, `constructor`), offsets and timestamps on both
 * sides of 2^53, long timestamp deltas, log-append-time batches, gzip batches, and records whose
 * fields run past their length.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Compression, decodeBatch, Decoder, kafkajsFile, type KDecoder, Long, lookupCodecByAttributes, Record, RecordBatch } from '../../support/kafkajs-internals.ts';

/** kafkajs 2.2.4's record decoder as published (record/v0/decoder.js), with its header reduce. */
function referenceRecord(decoder: KDecoder, ctx: Record<string, any>) {
  const attributes = decoder.readInt8();
  const timestampDelta = decoder.readVarLong();
  const timestamp = ctx.timestampType === 1 && ctx.maxTimestamp ? ctx.maxTimestamp : Long.fromValue(ctx.firstTimestamp).add(timestampDelta).toString();
  const offsetDelta = decoder.readVarInt();
  const offset = Long.fromValue(ctx.firstOffset).add(offsetDelta).toString();
  const key = decoder.readVarIntBytes();
  const value = decoder.readVarIntBytes();
  const count = decoder.readVarInt();
  const list: Array<{ key: string | null; value: Buffer | null }> = [];
  for (let i = 0; i < count; i++) list.push({ key: decoder.readVarIntString(), value: decoder.readVarIntBytes() });
  const headers = list.reduce(
    (obj: any, { key: k, value: v }) => ({ ...obj, [k as string]: obj[k as string] === undefined ? v : Array.isArray(obj[k as string]) ? obj[k as string].concat([v]) : [obj[k as string], v] }),
    {},
  );
  return { magicByte: ctx.magicByte, attributes, timestamp, offset, key, value, headers, isControlRecord: ctx.isControlBatch, batchContext: ctx };
}

/** kafkajs 2.2.4's batch decoder as published (recordBatch/v0/decoder.js): each record through a slice and a Decoder of its own. */
async function referenceBatch(fetchDecoder: KDecoder) {
  const firstOffset = fetchDecoder.readInt64().toString();
  const length = fetchDecoder.readInt32();
  const decoder = new Decoder(fetchDecoder.buffer.subarray(fetchDecoder.offset, fetchDecoder.offset + length));
  fetchDecoder.offset += length;
  const partitionLeaderEpoch = decoder.readInt32();
  const magicByte = decoder.readInt8();
  decoder.readInt32(); // crc
  const attributes = decoder.readInt16();
  const lastOffsetDelta = decoder.readInt32();
  const firstTimestamp = decoder.readInt64().toString();
  const maxTimestamp = decoder.readInt64().toString();
  const producerId = decoder.readInt64().toString();
  const producerEpoch = decoder.readInt16();
  const firstSequence = decoder.readInt32();
  const recordContext = {
    firstOffset, firstTimestamp, partitionLeaderEpoch, inTransaction: (attributes & 0x10) > 0, isControlBatch: (attributes & 0x20) > 0,
    lastOffsetDelta, producerId, producerEpoch, firstSequence, maxTimestamp, timestampType: (attributes & 0x8) > 0 ? 1 : 0,
  };
  const ctx = { ...recordContext, magicByte };
  const one = (d: KDecoder) => referenceRecord(new Decoder(d.readVarIntBytes()), ctx);
  const codec = lookupCodecByAttributes(attributes);
  let records: unknown[];
  if (!codec) records = decoder.readArray(one);
  else {
    const count = decoder.readInt32();
    const inner = new Decoder(await codec.decompress(decoder.readAll()));
    records = count <= 0 ? [] : Array.from({ length: count }, () => one(inner));
  }
  return { ...recordContext, records };
}

/** Decodes `bytes` with `decode`, as a result or as the error's name and message. */
async function outcome(decode: (d: KDecoder) => Promise<unknown>, bytes: Buffer): Promise<unknown> {
  try {
    return await decode(new Decoder(bytes));
  } catch (err) {
    return { threw: `${(err as Error).name}: ${(err as Error).message}` };
  }
}

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

/** Headers of the kinds kafkajs writes: strings, Buffers, lists (one header per value), odd keys. */
function randomHeaders(i: number): Record<string, unknown> {
  const h: Record<string, unknown> = { 'event-id': `e-${i}`, 'event-type': pick(['PickCompleted', 'InTransit']), traceparent: Buffer.from(`00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`) };
  if (i % 3 === 0) h.tags = ['a', `b-${i}`, 'c'];
  if (i % 4 === 0) h['clé'] = 'Zürich €';
  if (i % 5 === 0) h['constructor'] = `c-${i}`;
  if (i % 7 === 0) h['toString'] = ['x', 'y'];
  if (i % 6 === 0) Object.defineProperty(h, '__proto__', { value: i % 12 === 0 ? ['p', 'q'] : `p-${i}`, enumerable: true, writable: true, configurable: true });
  if (i % 8 === 0) h['123'] = 'numeric key';
  return h;
}

async function randomBatch(opts: { firstOffset: string; firstTimestamp: number; compression: number; longDeltas: boolean }): Promise<Buffer> {
  const n = 1 + Math.floor(Math.random() * 30);
  const records = Array.from({ length: n }, (_, i) =>
    Record({
      offsetDelta: i,
      timestampDelta: opts.longDeltas && i % 2 ? Long.fromValue(pick(['281474976710656', '-562949953421312', '9007199254740993'])) : Long.fromValue(Math.floor(Math.random() * 5000) - 100),
      key: i % 9 === 4 ? null : `SHP-${i}`,
      value: i % 11 === 5 ? null : randomBytes(Math.floor(Math.random() * 700)),
      headers: randomHeaders(i),
    }),
  );
  const batch = await RecordBatch({ firstOffset: Long.fromValue(opts.firstOffset), firstTimestamp: opts.firstTimestamp, maxTimestamp: opts.firstTimestamp + 10, lastOffsetDelta: n - 1, compression: opts.compression, records });
  return Buffer.from(batch.buffer);
}

describe('kafkajs record batch decoder patch', () => {
  it('is applied by npm install', () => {
    for (const file of ['recordBatch/record/v0/decoder.js', 'recordBatch/v0/decoder.js']) {
      assert.match(readFileSync(kafkajsFile(`kafkajs/src/protocol/${file}`), 'utf8'), /logistics-event-backbone patch \(issue 9\)/, file);
    }
  });

  it('yields what unpatched kafkajs yields for every batch', async () => {
    const offsets = ['0', '1234567', '9007199254740980', '9007199254740991', '9223372036854775000'];
    const timestamps = [1_760_000_000_000, 0, -1, 9_007_199_254_740_000];
    let records = 0;
    for (let k = 0; k < 240; k++) {
      const bytes = await randomBatch({ firstOffset: offsets[k % offsets.length]!, firstTimestamp: timestamps[k % timestamps.length]!, compression: k % 6 === 5 ? Compression.GZIP : Compression.None, longDeltas: k % 4 === 3 });
      if (k % 10 === 9) bytes[22]! |= 0x08; // log-append time: every record takes the batch's max timestamp
      const expected = (await outcome(referenceBatch, bytes)) as { records: unknown[] };
      assert.deepStrictEqual(await outcome(decodeBatch, bytes), expected, `batch ${k}`);
      records += expected.records.length;
    }
    assert.ok(records > 2000, `${records} records compared`);
  });

  it('yields what unpatched kafkajs yields for records whose fields run past their length', async () => {
    for (let cut = 1; cut < 20; cut++) {
      const records = [0, 1, 2].map((i) => Record({ offsetDelta: i, timestampDelta: Long.fromValue(i), key: `k${i}`, value: Buffer.from(`value-${i}`), headers: { h: `v${i}` } }));
      const bytes = Buffer.from((await RecordBatch({ firstOffset: Long.fromValue('42'), firstTimestamp: 1_760_000_000_000, lastOffsetDelta: 2, records })).buffer);
      // The first record's length (a one-byte zigzag varint after the 61-byte batch header) is
      // cut short, so its last fields read past the end of its slice (undefined bytes, read as
      // zeros) and the records after it start inside it.
      const length = bytes[61]! / 2;
      assert.ok(length > cut && length < 64, `record length ${length}`);
      bytes[61] = (length - cut) * 2;
      assert.deepStrictEqual(await outcome(decodeBatch, bytes), await outcome(referenceBatch, bytes), `cut by ${cut}`);
    }
  });
});
