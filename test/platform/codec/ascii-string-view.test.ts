import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import avro from 'avsc';
import fc from 'fast-check';
import { asciiViewTypeHook, withStringView } from '../../../services/platform/codec/ascii-string-view.ts';
import { logicalTypes } from '../../../services/platform/schemas/logical-types.ts';

const schema = {
  type: 'record',
  name: 'Sample',
  fields: [
    { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
    { name: 'text', type: 'string' },
    { name: 'maybe', type: ['null', 'string'] },
    { name: 'list', type: { type: 'array', items: 'string' } },
    { name: 'n', type: 'int' },
  ],
} as const;

/** The same schema read by avsc's own string type and by the view-reading one. */
const plain = avro.Type.forSchema(schema as unknown as avro.Schema, { logicalTypes, registry: {} });
const viewed = avro.Type.forSchema(schema as unknown as avro.Schema, { logicalTypes, registry: {}, typeHook: asciiViewTypeHook });
const fuzzRuns = Number(process.env.FUZZ_RUNS ?? 300);

/** A decode result as plain data (the two types' record classes differ, their values must not). */
const data = (r: { offset: number; value: unknown }) => structuredClone({ offset: r.offset, value: r.value });

function decodeViewed(buf: Buffer, pos = 0) {
  return data(withStringView(buf, () => viewed.decode(buf, pos)));
}
function decodePlain(buf: Buffer) {
  return data(plain.decode(buf));
}

describe('ASCII string view', () => {
  it('gives every plain string schema, the uuid one included, the view-reading type', () => {
    const names = (viewed as unknown as { fields: Array<{ type: { constructor: { name: string }; types?: Array<{ constructor: { name: string } }>; itemsType?: { constructor: { name: string } } } }> }).fields.map(
      (f) => [f.type.constructor.name, ...(f.type.types ?? []).map((t) => t.constructor.name), f.type.itemsType?.constructor.name].filter(Boolean).join('/'),
    );
    assert.deepEqual(names, ['AsciiViewStringType', 'AsciiViewStringType', 'UnwrappedUnionType/NullType/AsciiViewStringType', 'ArrayType/AsciiViewStringType', 'IntType']);
  });

  it('keeps a logical type the parse implements over its own type', () => {
    const hooked = asciiViewTypeHook({ type: 'string', logicalType: 'x-custom' } as unknown as avro.Schema, { logicalTypes: { 'x-custom': {} } });
    assert.equal(hooked, undefined);
  });

  it('decodes ASCII, multi-byte and empty strings exactly as avsc does', () => {
    const value = { id: '2b0c5a4e-0f0a-4a43-9d0c-5b1f3d2a9e11', text: 'Zürich – 東京 🚚', maybe: 'DC-EAST-01', list: ['', 'a', 'é', 'SKU-100000'], n: 7 };
    const buf = plain.toBuffer(value);
    assert.deepEqual(decodeViewed(buf), decodePlain(buf));
    assert.deepEqual(decodeViewed(buf).value, structuredClone(value));
  });

  it('round-trips arbitrary strings, including lone surrogates and control characters, like avsc', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.option(fc.string({ unit: 'grapheme' })), fc.array(fc.string({ unit: 'binary-ascii' }), { maxLength: 5 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (text, maybe, list, n) => {
        const buf = plain.toBuffer({ id: 'x', text, maybe, list, n });
        assert.deepEqual(decodeViewed(buf), decodePlain(buf));
      }),
      { numRuns: fuzzRuns },
    );
  });

  it('reads truncated and corrupt bytes the way avsc does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const buf = Buffer.from(bytes);
        let want: unknown;
        let got: unknown;
        try {
          want = decodePlain(buf);
        } catch (err) {
          want = (err as Error).constructor.name;
        }
        try {
          got = decodeViewed(buf);
        } catch (err) {
          got = (err as Error).constructor.name;
        }
        assert.deepEqual(got, want);
      }),
      { numRuns: fuzzRuns },
    );
  });

  it('never reads a buffer through a copy taken in an earlier decode', () => {
    const buf = plain.toBuffer({ id: 'x', text: 'AAAA', maybe: null, list: [], n: 1 });
    assert.equal((decodeViewed(buf).value as { text: string }).text, 'AAAA');
    buf.write('BBBB', buf.indexOf('AAAA'), 'latin1');
    assert.equal((decodeViewed(buf).value as { text: string }).text, 'BBBB');
    // Outside a view (and for any other buffer inside one) strings are read as avsc reads them.
    assert.equal((viewed.decode(buf).value as { text: string }).text, 'BBBB');
    const other = plain.toBuffer({ id: 'y', text: 'CCCC', maybe: null, list: [], n: 2 });
    assert.equal(withStringView(buf, () => (viewed.decode(other).value as { text: string }).text), 'CCCC');
  });
});
