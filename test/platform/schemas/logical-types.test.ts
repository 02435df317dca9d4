import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import avro from 'avsc';
import { logicalTypes } from '../../../services/platform/schemas/logical-types.ts';

const dateType = avro.Type.forSchema({ type: 'int', logicalType: 'date' }, { logicalTypes });
const tsType = avro.Type.forSchema({ type: 'long', logicalType: 'timestamp-millis' }, { logicalTypes });
const days = (year: number, month = 1, day = 1) => Date.UTC(year, month - 1, day) / 86_400_000;
const intBytes = (n: number) => avro.Type.forSchema('int').toBuffer(n);

describe('logical types', () => {
  it('decodes a date as YYYY-MM-DD, also past year 9999 (without the sign toISOString adds)', () => {
    assert.equal(dateType.fromBuffer(intBytes(days(2026, 11, 22))), '2026-11-22');
    assert.equal(dateType.fromBuffer(intBytes(days(10000, 1, 1))), '10000-01-01');
    assert.equal(dateType.fromBuffer(intBytes(days(123456, 7, 8))), '123456-07-08');
  });

  it('refuses a timestamp-millis no Date can hold, instead of passing an Invalid Date on', () => {
    assert.throws(() => tsType.fromBuffer(avro.Type.forSchema('long').toBuffer(8.64e15 + 1)), RangeError);
    assert.equal((tsType.fromBuffer(avro.Type.forSchema('long').toBuffer(0)) as Date).toISOString(), '1970-01-01T00:00:00.000Z');
  });
});
