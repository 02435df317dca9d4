import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { carrierAdapter } from '../../../services/carrier-adapter/carrier-adapter.ts';
import { UnsupportedMediaTypeError, ValidationError } from '../../../services/platform/errors/backbone-error.ts';
import { x12Text } from '../../support/x12-text.ts';
import { fixtureText } from '../../support/mapping-harness.ts';

const tracking = carrierAdapter.endpoints['/webhooks/carrier/v1/tracking']!;
const edi = carrierAdapter.endpoints['/webhooks/carrier/v1/edi']!;

describe('carrier adapter definition: two endpoints, two routers', () => {
  it('is the CARRIER source on port 18102 with a tracking and an EDI endpoint', () => {
    assert.deepEqual([carrierAdapter.name, carrierAdapter.sourceKind, carrierAdapter.envPrefix, carrierAdapter.defaultPort], ['carrier-adapter', 'CARRIER', 'CARRIER', 18102]);
    assert.deepEqual(Object.keys(carrierAdapter.endpoints).sort(), ['/webhooks/carrier/v1/edi', '/webhooks/carrier/v1/tracking']);
  });

  it('the tracking endpoint routes JSON by eventType and refuses EDI (415)', () => {
    assert.equal(tracking.route(Buffer.from(fixtureText('parcel-carrier/tracking-delivered.json')), 'application/json').kind, 'tracking.update');
    assert.throws(() => tracking.route(Buffer.from(fixtureText('ltl-carrier-x12/214-multi-status.edi')), 'application/edi-x12'), UnsupportedMediaTypeError);
  });

  it('the EDI endpoint routes by ST01 to the 214 and 856 mappings and names an unknown set', () => {
    assert.equal(edi.route(Buffer.from(fixtureText('ltl-carrier-x12/214-multi-status.edi')), 'application/edi-x12').kind, 'X12-214');
    assert.equal(edi.route(Buffer.from(fixtureText('supplier-x12/856-asn.edi')), 'text/plain').kind, 'X12-856');
    const tender = x12Text({ functionalId: 'SM', sets: [{ id: '204', control: '0001', segments: ['B2**ODFL**SHP-2026-000123**PP'] }] });
    assert.throws(
      () => edi.route(Buffer.from(tender), 'application/edi-x12'),
      (e: unknown) => e instanceof ValidationError && e.code === 'UNKNOWN_EVENT_TYPE' && /"204"; supported: 214, 856/.test(e.message),
    );
    assert.throws(() => edi.route(Buffer.from(fixtureText('supplier-x12/856-asn.edi')), 'application/json'), UnsupportedMediaTypeError);
  });
});
