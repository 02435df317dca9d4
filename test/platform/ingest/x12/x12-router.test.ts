import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MalformedInputError, UnsupportedMediaTypeError, ValidationError } from '../../../../services/platform/errors/backbone-error.ts';
import type { VendorMapping } from '../../../../services/platform/ingest/vendor-mapping.ts';
import type { X12Interchange } from '../../../../services/platform/ingest/x12/x12-interchange.ts';
import { x12Router } from '../../../../services/platform/ingest/x12/x12-router.ts';
import { x12Text } from '../../../support/x12-text.ts';

const stub = (name: string): VendorMapping => ({ description: name, validate: (b) => b, vendorEventId: () => name, map: () => [] });
const m214 = stub('214');
const m856 = stub('856');
const router = x12Router({ '214': m214, '856': m856 });
const body = (...ids: string[]) => Buffer.from(x12Text({ sets: ids.map((id, i) => ({ id, control: `000${i + 1}`, segments: ['REF*XX*1'] })) }));

describe('X12 router: by transaction set id (ST01)', () => {
  it('routes a 214 and an 856 to their mappings with the parsed interchange', () => {
    const r = router.route(body('214'), 'application/edi-x12');
    assert.equal(r.kind, 'X12-214');
    assert.equal(r.mapping, m214);
    assert.equal((r.body as X12Interchange).groups[0]!.transactionSets[0]!.id, '214');
    const asn = router.route(body('856'), 'text/plain; charset=us-ascii');
    assert.equal(asn.kind, 'X12-856');
    assert.equal(asn.mapping, m856);
  });

  it('refuses an unknown transaction set with UNKNOWN_EVENT_TYPE naming it', () => {
    assert.throws(
      () => router.route(body('204'), 'application/edi-x12'),
      (e: unknown) =>
        e instanceof ValidationError && e.code === 'UNKNOWN_EVENT_TYPE' && /unknown X12 transaction set "204"; supported: 214, 856/.test(e.message) && e.issues[0]!.path === 'ST[0001].ST01',
    );
  });

  it('refuses an interchange mixing transaction sets', () => {
    assert.throws(() => router.route(body('214', '856'), 'application/edi-x12'), (e: unknown) => e instanceof ValidationError && /mixes transaction sets 214, 856/.test(e.message));
  });

  it('answers a wrong media type with 415 and broken EDI with MALFORMED_EDI', () => {
    assert.throws(() => router.route(body('214'), 'application/json'), UnsupportedMediaTypeError);
    assert.throws(() => router.route(Buffer.from('ISA*00*'), 'application/edi-x12'), (e: unknown) => e instanceof MalformedInputError && e.code === 'MALFORMED_EDI');
  });
});
