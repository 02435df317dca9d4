import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import avro from 'avsc';
import fc from 'fast-check';
import { compileReader, compiledReaderFor } from '../../../services/platform/codec/compiled-reader.ts';
import { loadEventSchemas, parseSchema } from '../../../services/platform/schemas/schema-catalog.ts';

const fuzzRuns = Number(process.env.FUZZ_RUNS ?? 300);

/** avsc's decode as plain data: its record classes become plain objects, Dates stay Dates. */
const avscValue = (type: avro.Type, buf: Buffer, pos = 0) => structuredClone(type.decode(buf, pos).value);

/** Parsed as the platform parses its schemas (logical types, string type hook). */
const parse = parseSchema;

function reader(type: avro.Type) {
  const r = compileReader(type);
  assert.ok(r, 'the type compiles');
  return r;
}

describe('compileReader', () => {
  it('reads every canonical event schema exactly as avsc does, for random values', () => {
    for (const [eventType, s] of loadEventSchemas()) {
      const read = reader(s.type);
      for (let i = 0; i < 100; i++) {
        const buf = s.type.toBuffer(s.type.random());
        assert.deepEqual(read(buf, 0), avscValue(s.type, buf), `${eventType} value ${i}`);
      }
    }
  });

  it('reads strings of any content, ASCII or not, like avsc (fuzzed)', () => {
    const type = parse({ type: 'record', name: 'S', fields: [{ name: 'a', type: 'string' }, { name: 'n', type: 'long' }, { name: 'b', type: { type: 'array', items: 'string' } }] });
    const read = reader(type);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer(), fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 5 }), (a, n, b) => {
        const buf = type.toBuffer({ a, n, b });
        assert.deepEqual(read(buf, 0), avscValue(type, buf));
      }),
      { numRuns: fuzzRuns },
    );
    assert.deepEqual(read(type.toBuffer({ a: 'Zürich — 東京 🚚', n: 0, b: ['', 'ASCII only, longer than eight bytes'] }), 0), {
      a: 'Zürich — 東京 🚚',
      n: 0,
      b: ['', 'ASCII only, longer than eight bytes'],
    });
  });

  it('reads longs across the whole range avsc writes, and timestamps as Dates', () => {
    const type = parse({ type: 'record', name: 'L', fields: [{ name: 'xs', type: { type: 'array', items: 'long' } }, { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }] });
    const read = reader(type);
    const edges = [0, 1, -1, 63, -64, 64, -65, 2 ** 28 - 1, 2 ** 28, -(2 ** 28), 2 ** 31, -(2 ** 31) - 1, 2 ** 52, -(2 ** 52)];
    const buf = type.toBuffer({ xs: edges, at: new Date(-86_400_000) });
    assert.deepEqual(read(buf, 0), { xs: edges, at: new Date(-86_400_000) });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 52), max: 2 ** 52 })), (xs) => {
        const b = type.toBuffer({ xs, at: new Date(0) });
        assert.deepEqual(read(b, 0), avscValue(type, b));
      }),
      { numRuns: fuzzRuns },
    );
  });

  it('reads any varint of up to ten bytes exactly, refusing longs past ±(2^53 − 2) as avsc does (fuzzed)', () => {
    const read = reader(parse('long'));
    // The varint of zig-zag value z, and what it means, from BigInt (exact at any size).
    const varint = (z: bigint) => {
      const digits: number[] = [];
      for (; z > 127n; z >>= 7n) digits.push(Number(z & 127n) | 0x80);
      digits.push(Number(z));
      return Buffer.from(digits);
    };
    const same = (z: bigint) => {
      const v = z & 1n ? -(z + 1n) / 2n : z / 2n;
      const buf = varint(z);
      if (v > 2n ** 53n - 2n || v < -(2n ** 53n - 2n)) assert.throws(() => read(buf, 0), /potential precision loss/, `z = ${z}`);
      else assert.equal(read(buf, 0), Number(v), `z = ${z}`);
    };
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 70n - 1n }), same), { numRuns: fuzzRuns });
    fc.assert(fc.property(fc.bigInt({ min: 2n ** 52n, max: 2n ** 56n }), same), { numRuns: fuzzRuns });
    // ±(2^53 − 2) are the last longs read, ±(2^53 − 1) the first refused (avsc refuses them too).
    for (const z of [2n ** 54n - 6n, 2n ** 54n - 5n, 2n ** 54n - 4n, 2n ** 54n - 3n, 2n ** 54n - 2n, 2n ** 64n - 1n]) same(z);
    assert.equal(read(varint(2n ** 54n - 5n), 0), -(2 ** 53 - 2));
    assert.throws(() => read(varint(2n ** 54n - 3n), 0), /potential precision loss/);
    assert.throws(() => avro.Type.forSchema('long').decode(varint(2n ** 54n - 2n), 0), /potential precision loss/);
  });

  it('reads maps, enums, other unions, floats and records that contain themselves', () => {
    const type = parse({
      type: 'record',
      name: 'Node',
      fields: [
        { name: 'tags', type: { type: 'map', values: 'int' } },
        { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B'] } },
        { name: 'either', type: ['int', 'string', 'null'] },
        { name: 'ratio', type: 'float' },
        { name: 'flag', type: 'boolean' },
        { name: 'next', type: ['null', 'Node'] },
        { name: 'last', type: ['Node', 'null'] },
      ],
    });
    const read = reader(type);
    const leaf = { tags: {}, kind: 'B', either: null, ratio: 0.5, flag: false, next: null, last: null };
    const value = { tags: { x: 1, y: -2 }, kind: 'A', either: 'text', ratio: 1.5, flag: true, next: leaf, last: { ...leaf, either: 7 } };
    const buf = type.toBuffer(value);
    assert.deepEqual(read(buf, 0), value);
    assert.deepEqual(read(buf, 0), avscValue(type, buf));
  });

  it('keeps a map key "__proto__" as data, never as the prototype', () => {
    const type = parse({ type: 'map', values: 'string' });
    // One block of one entry: key "__proto__", value "x".
    const manual = Buffer.from([2, 18, ...Buffer.from('__proto__'), 2, 0x78, 0]);
    const m = reader(type)(manual, 0) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(m), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(m, '__proto__')?.value, 'x');
  });

  it('reads at an offset inside a larger buffer, and never through a copy of an earlier buffer', () => {
    const type = parse({ type: 'record', name: 'R', fields: [{ name: 's', type: 'string' }] });
    const read = reader(type);
    const a = type.toBuffer({ s: 'first value of A' });
    const b = type.toBuffer({ s: 'other value of B' });
    const pool = Buffer.concat([Buffer.from('xxxxx'), a, Buffer.from('yy')]);
    assert.deepEqual(read(pool.subarray(5, 5 + a.length), 0), { s: 'first value of A' });
    assert.deepEqual(read(Buffer.concat([Buffer.from([0, 0, 0]), b]), 3), { s: 'other value of B' });
    // The same Buffer object changed between two reads.
    const reused = Buffer.from(a);
    assert.deepEqual(read(reused, 0), { s: 'first value of A' });
    b.copy(reused);
    assert.deepEqual(read(reused, 0), { s: 'other value of B' });
  });

  it('fails on truncated bytes, trailing data and bad indexes instead of reading on', () => {
    const type = parse({
      type: 'record',
      name: 'T',
      fields: [
        { name: 's', type: 'string' },
        { name: 'e', type: { type: 'enum', name: 'E', symbols: ['X'] } },
        { name: 'u', type: ['null', 'string'] },
        { name: 'xs', type: { type: 'array', items: 'double' } },
      ],
    });
    const read = reader(type);
    const good = type.toBuffer({ s: 'abc', e: 'X', u: 'v', xs: [1.5, 2.5] });
    for (let cut = 0; cut < good.length; cut++) assert.throws(() => read(good.subarray(0, cut), 0), RangeError, `cut at ${cut}`);
    assert.throws(() => read(Buffer.concat([good, Buffer.from([0])]), 0), /trailing data/);
    // s = "abc", then enum index 5.
    assert.throws(() => read(Buffer.from([6, 0x61, 0x62, 0x63, 10, 0, 0]), 0), /invalid E enum index 5/);
    // ... enum 0, then union index 2.
    assert.throws(() => read(Buffer.from([6, 0x61, 0x62, 0x63, 0, 4, 0]), 0), /invalid union index 2/);
    // ... union null, then an array claiming 2^40 items in a few bytes: fails, never loops on.
    const huge = Buffer.from([6, 0x61, 0x62, 0x63, 0, 0, ...avro.Type.forSchema('long').toBuffer(2 ** 40), 0]);
    assert.throws(() => read(huge, 0), /truncated/);
    // A negative string length.
    assert.throws(() => read(Buffer.from([1]), 0), /negative string length/);
  });

  it('leaves to avsc the types it does not cover', () => {
    assert.equal(compileReader(parse({ type: 'record', name: 'B', fields: [{ name: 'b', type: 'bytes' }] })), undefined);
    assert.equal(compileReader(parse({ type: 'fixed', name: 'F', size: 4 })), undefined);
    assert.equal(compileReader(avro.Type.forSchema(['null', 'string', 'int'], { wrapUnions: true })), undefined);
    assert.equal(compileReader(parse({ type: 'record', name: 'P', fields: [{ name: '__proto__', type: 'int' }] })), undefined);
    // Items that take no bytes: a forged count could not be stopped by running out of buffer.
    assert.equal(compileReader(parse({ type: 'array', items: 'null' })), undefined);
    assert.equal(compileReader(parse({ type: 'array', items: { type: 'record', name: 'Empty', fields: [{ name: 'n', type: 'null' }] } })), undefined);
    assert.ok(compileReader(parse({ type: 'array', items: { type: 'record', name: 'NotEmpty', fields: [{ name: 'n', type: 'null' }, { name: 'b', type: 'boolean' }] } })));
  });

  it('compiles a type once per process', () => {
    const type = parse({ type: 'record', name: 'Once', fields: [{ name: 'n', type: 'int' }] });
    assert.equal(compiledReaderFor(type), compiledReaderFor(type));
  });
});
