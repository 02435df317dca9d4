import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../../services/platform/errors/backbone-error.ts';
import { MappingContext } from '../../../services/platform/ingest/mapping-context.ts';
import { checkedVendorEventId } from '../../../services/platform/ingest/vendor-event-id.ts';

describe('vendor event id check (found by the bad-input battery)', () => {
  it('passes ordinary ids, unicode included, unchanged', () => {
    for (const id of ['wms-evt-1', 'ODFL/000004711/0001+0002', 'ЅНР-1 🚚', 'e\u0301', 'x'.repeat(2000)]) assert.equal(checkedVendorEventId(id), id);
  });

  for (const [name, id] of [
    ['a NUL character (PostgreSQL text cannot hold it: was a 500)', 'A\u0000B'],
    ['a lone high surrogate (no UTF-8 for the UUID v5: was a 503 "URI malformed")', 'evt-\ud800'],
    ['a lone low surrogate', '\udc00-evt'],
    ['an id over 2000 UTF-8 bytes (over the ledger index limit: was a 500 for X12 with ~400 sets)', 'é'.repeat(1001)],
  ] as const) {
    it(`refuses ${name} with 422 INVALID_VENDOR_EVENT_ID`, () => {
      assert.throws(
        () => checkedVendorEventId(id),
        (e: unknown) => e instanceof ValidationError && e.code === 'INVALID_VENDOR_EVENT_ID' && e.issues[0]!.path === 'vendorEventId',
      );
    });
  }

  it('lets event ids be derived from every id it passes', () => {
    const id = checkedVendorEventId('🚚-evt');
    assert.match(new MappingContext({ kind: 'WMS', system: 'wms-test' }, id).eventIdAt(0), /^[0-9a-f-]{36}$/);
  });
});
