import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../../../services/platform/errors/backbone-error.ts';
import { x12Date, x12DateTime, x12TimeCodeZone } from '../../../../services/platform/ingest/x12/x12-date-time.ts';

const paths = { date: 'AT7-05', time: 'AT7-06', timeCode: 'AT7-07' };
const utc = (date: string, time: string, code: string) => x12DateTime(date, time, code, paths).toISOString();

describe('X12 dates and times to UTC', () => {
  it('applies fixed offsets of standard/daylight codes', () => {
    assert.equal(utc('20261122', '0845', 'ES'), '2026-11-22T13:45:00.000Z');
    assert.equal(utc('20261122', '0845', 'CD'), '2026-11-22T13:45:00.000Z');
    assert.equal(utc('20261122', '0845', 'UT'), '2026-11-22T08:45:00.000Z');
    assert.equal(utc('20261122', '084512', 'GM'), '2026-11-22T08:45:12.000Z');
    assert.equal(utc('20261122', '08451205', 'GM'), '2026-11-22T08:45:12.050Z');
  });

  it('follows daylight saving time for zone codes (ET, CT, PT)', () => {
    assert.equal(utc('20261122', '0845', 'ET'), '2026-11-22T13:45:00.000Z', 'EST in November');
    assert.equal(utc('20260715', '0845', 'ET'), '2026-07-15T12:45:00.000Z', 'EDT in July');
    assert.equal(utc('20260715', '0845', 'CT'), '2026-07-15T13:45:00.000Z');
    assert.equal(utc('20260101', '2359', 'PT'), '2026-01-02T07:59:00.000Z');
    assert.equal(x12TimeCodeZone('CT'), 'America/Chicago');
    assert.equal(x12TimeCodeZone('CS'), null);
  });

  it('refuses a missing time code and "LT": local time without a zone is not an instant', () => {
    assert.throws(() => utc('20261122', '0845', ''), (e: unknown) => e instanceof ValidationError && e.code === 'VALIDATION_FAILED' && e.issues[0]!.path === 'AT7-07');
    assert.throws(() => utc('20261122', '0845', 'LT'), (e: unknown) => e instanceof ValidationError && e.code === 'UNKNOWN_CODE' && /"LT"/.test(e.message));
  });

  it('refuses impossible dates and times, naming the element', () => {
    assert.throws(() => utc('20260230', '0845', 'ET'), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path === 'AT7-05');
    assert.throws(() => utc('20261122', '2460', 'ET'), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path === 'AT7-06');
    assert.throws(() => x12Date('261122', 'BSN-03'), /BSN-03.*not a date CCYYMMDD/);
    assert.equal(x12Date('20261122', 'BSN-03'), '2026-11-22');
  });
});
