import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { carrierAdapter } from '../../../services/carrier-adapter/carrier-adapter.ts';
import { ValidationError } from '../../../services/platform/errors/backbone-error.ts';
import { assertSchemaValid, expectedEnvelope, fixtureText, mapBody, RECEIVED_AT, testContext } from '../../support/mapping-harness.ts';

const router = carrierAdapter.endpoints['/webhooks/carrier/v1/edi']!;
const map = (text: string) => mapBody(router, text, 'text/plain', testContext('CARRIER', 'carrier-test'));
const asn = () => fixtureText('supplier-x12/856-asn.edi');

describe('X12 856 ASN → ShipmentNoticeReceived', () => {
  it('maps shipment, order and item levels of an ASN with several POs and items', () => {
    const d = map(asn());
    assert.equal(d.kind, 'X12-856');
    assert.equal(d.vendorEventId, 'ACMESUPPLY/000000318/0001');
    assert.deepEqual(d.events, [
      {
        eventType: 'ShipmentNoticeReceived',
        event: {
          envelope: expectedEnvelope('CARRIER', 'carrier-test', 0, 'ShipmentNoticeReceived', {
            occurredAt: new Date('2026-11-21T22:00:00Z'),
            correlationId: 'shipment:ASN-ACME-20261121-07',
            shipmentId: 'ASN-ACME-20261121-07',
            warehouseId: 'DC-EAST-01',
            carrierCode: 'SAIA',
            trackingNumber: 'SAIA-0428817733',
          }),
          asnNumber: 'ASN-ACME-20261121-07',
          purposeCode: '00',
          shipNoticeDate: '2026-11-21',
          supplierId: 'SUP-4471',
          purchaseOrderNumbers: ['PO-2026-778812', 'PO-2026-778815'],
          shippedAt: new Date('2026-11-21T22:00:00Z'),
          expectedDeliveryAt: new Date('2026-11-24T13:00:00Z'),
          billOfLadingNumber: 'BOL-ACME-88213',
          packageCount: 14,
          totalWeight: { value: 612.4, unit: 'LB' },
          lines: [
            { lineNumber: 1, sku: 'SKU-10021', quantity: 120, unitOfMeasure: 'EA', lotNumber: null },
            { lineNumber: 2, sku: 'SKU-10022', quantity: 48, unitOfMeasure: 'CS', lotNumber: 'LOT-2611-A' },
            // No SK qualifier: the buyer's part number (BP) is the SKU.
            { lineNumber: 3, sku: 'SKU-20417', quantity: 36, unitOfMeasure: 'EA', lotNumber: null },
            { lineNumber: 4, sku: 'SKU-20418', quantity: 10.5, unitOfMeasure: 'KG', lotNumber: null },
          ],
        },
      },
    ]);
    assertSchemaValid(d.events);
  });

  it('without DTM*011 the notice occurred when it was received; without TD1 weight there is no total', () => {
    const text = asn().replace('DTM*011*20261121*1700*ET~\n', '').replace('TD1*CTN25*14****G*612.4*LB~', 'TD1*CTN25*14~').replace('SE*29*0001', 'SE*28*0001');
    const [e] = map(text).events;
    assert.equal(e!.eventType, 'ShipmentNoticeReceived');
    const n = e!.event as { shippedAt: Date | null; totalWeight: unknown; packageCount: number | null };
    assert.deepEqual([e!.event.envelope.occurredAt, n.shippedAt, n.totalWeight, n.packageCount], [RECEIVED_AT, null, null, 14]);
  });
});

describe('X12 856: bad input', () => {
  const rejects = (text: string, check: (e: ValidationError) => void) =>
    assert.throws(
      () => map(text),
      (err: unknown) => {
        assert.ok(err instanceof ValidationError, String(err));
        check(err);
        return true;
      },
    );

  it('missing ASN number, ship-to id and an item quantity are all listed with their paths', () => {
    const text = asn()
      .replace('BSN*00*ASN-ACME-20261121-07*', 'BSN*00**')
      .replace('N1*ST*DC EAST 01*92*DC-EAST-01', 'N1*ST*DC EAST 01')
      .replace('SN1*2*48*CS', 'SN1*2*-4*CS');
    rejects(text, (e) => {
      assert.equal(e.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        e.issues.map((i) => i.path),
        ['ST[0001].BSN-02', 'ST[0001].N1*ST-04', 'ST[0001].HL[4].SN1-02'],
      );
    });
  });

  it('an item without a usable product id, and a DTM without time code', () => {
    const text = asn().replace('LIN*1*BP*SKU-20417', 'LIN*1*ZZ*SKU-20417').replace('DTM*017*20261124*0800*ET', 'DTM*017*20261124*0800');
    rejects(text, (e) => assert.deepEqual(e.issues.map((i) => i.path), ['ST[0001].HL[6].LIN-03', 'ST[0001].DTM*017-04']));
  });

  it('an unknown weight unit is UNKNOWN_CODE naming it', () => {
    rejects(asn().replace('*G*612.4*LB~', '*G*612.4*TN~'), (e) => {
      assert.equal(e.code, 'UNKNOWN_CODE');
      assert.match(e.message, /unknown X12 weight unit \(TD1-08\) "TN"/);
    });
  });

  it('an HL pointing at a parent that does not exist', () => {
    rejects(asn().replace('HL*3*2*I', 'HL*3*9*I'), (e) => assert.equal(e.issues[0]!.path, 'ST[0001].HL[3].HL-02'));
  });

  it('an 856 in a group that is not SH', () => {
    rejects(asn().replace('GS*SH*', 'GS*QM*'), (e) => assert.equal(e.issues[0]!.path, 'GS[318].GS01'));
  });
});
