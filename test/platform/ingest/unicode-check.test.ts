import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../../services/platform/errors/backbone-error.ts';
import { assertWellFormedUnicode, hasLoneSurrogate } from '../../../services/platform/ingest/unicode-check.ts';

const check = (body: unknown, text = JSON.stringify(body)) => assertWellFormedUnicode(body, text);
const refusal = (body: unknown, text?: string): ValidationError => {
  try {
    check(body, text);
  } catch (e) {
    assert.ok(e instanceof ValidationError, `not a ValidationError: ${String(e)}`);
    return e;
  }
  assert.fail('accepted a body with a lone surrogate');
};

describe('well-formed Unicode check on JSON bodies (found by the bad-input battery)', () => {
  it('tells lone surrogates from pairs', () => {
    assert.equal(hasLoneSurrogate('🚚 SHP-1 e\u0301'), false);
    for (const s of ['\ud800', 'a\udc00', '\ud83d', '\ude9a🚚', '🚚\ud83d']) assert.equal(hasLoneSurrogate(s), true, JSON.stringify(s));
  });

  it('accepts bodies with any well-formed text, emoji and escaped pairs included', () => {
    check({ shipmentNumber: 'SHP-🚚', lines: [{ sku: 'ЅНР-1', note: '\u202e\u0000' }] });
    assertWellFormedUnicode({ a: '🚚' }, '{"a":"\\ud83d\\ude9a"}');
  });

  it('names every field holding a lone surrogate, nested and in arrays, with code INVALID_UNICODE', () => {
    const e = refusal({ shipmentNumber: 'SHP-\ud800', lines: [{ sku: 'ok' }, { sku: '\udc00' }], ok: 'fine' });
    assert.equal(e.code, 'INVALID_UNICODE');
    assert.equal(e.retriable, false);
    assert.deepEqual(e.issues.map((i) => i.path), ['shipmentNumber', 'lines.1.sku']);
  });

  it('names a field name that holds a lone surrogate', () => {
    assert.deepEqual(refusal({ meta: { ['k\ud800']: 1 } }).issues.map((i) => i.path), ['meta.k\ud800']);
  });

  it('walks a body nested 100,000 levels deep without overflowing the stack', () => {
    const text = `${'['.repeat(100_000)}"\\ud800"${']'.repeat(100_000)}`;
    const e = refusal(JSON.parse(text), text);
    assert.equal(e.issues.length, 1);
    assert.equal(e.issues[0]!.path.split('.').length, 100_000);
  });

  it('lists at most 20 paths for a body full of them', () => {
    assert.equal(refusal(Array.from({ length: 500 }, () => '\ud800')).issues.length, 20);
  });
});
