import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { carrierAdapter } from '../../../services/carrier-adapter/carrier-adapter.ts';
import { ValidationError } from '../../../services/platform/errors/backbone-error.ts';
import type { EventTypeName, TypedEvent } from '../../../services/platform/events/canonical-event.ts';
import { MappingContext } from '../../../services/platform/ingest/mapping-context.ts';
import { assertSchemaValid, expectedEnvelope, fixtureJson, mapBody, testContext } from '../../support/mapping-harness.ts';

const router = carrierAdapter.endpoints['/webhooks/carrier/v1/tracking']!;
const map = (body: object, ctx = testContext('CARRIER', 'carrier-test')) => mapBody(router, body, 'application/json', ctx);
const fixture = (name: string) => fixtureJson(`parcel-carrier/${name}.json`);

const env = (eventType: EventTypeName, occurredAt: string) =>
  expectedEnvelope('CARRIER', 'carrier-test', 0, eventType, {
    occurredAt: new Date(occurredAt),
    correlationId: 'shipment:SHP-2026-000187',
    shipmentId: 'SHP-2026-000187',
    carrierCode: 'FDEG',
    trackingNumber: '794612345678',
  });
const place = (city: string, state: string, postalCode: string) => ({ facilityId: null, city, subdivisionCode: `US-${state}`, postalCode, countryCode: 'US' });
const inTransit = (occurredAt: string, milestone: string, code: string, description: string, location: ReturnType<typeof place>, facility: string, tz: string): TypedEvent => ({
  eventType: 'InTransit',
  event: {
    envelope: env('InTransit', occurredAt),
    milestone: milestone as 'OTHER',
    carrierStatusCode: code,
    carrierStatusDescription: description,
    location,
    carrierFacilityCode: facility,
    locationTimeZone: tz,
  },
});

/** Each fixture and the exact canonical event it must become. */
const cases: Array<{ fixture: string; vendorEventId: string; expected: TypedEvent }> = [
  {
    fixture: 'tracking-picked-up',
    vendorEventId: 'trk_evt_01JDX4A7M2Q9R0S1T2U3V4W5X6',
    expected: inTransit('2026-11-22T22:32:00Z', 'PICKED_UP', 'PU', 'Picked up', place('COLUMBUS', 'OH', '43217'), 'CMHR', 'America/New_York'),
  },
  {
    fixture: 'tracking-arrived',
    vendorEventId: 'trk_evt_01JDX9C3K8P1N4M7Q2R5S8T1V4',
    expected: inTransit('2026-11-23T09:10:00Z', 'ARRIVED_AT_FACILITY', 'AR', 'Arrived at FedEx location', place('MEMPHIS', 'TN', '38118'), 'MEMH', 'America/Chicago'),
  },
  {
    fixture: 'tracking-departed',
    vendorEventId: 'trk_evt_01JDXB7F2H5J8K1L4M7N0P3Q6R',
    expected: inTransit('2026-11-23T15:45:00Z', 'DEPARTED_FACILITY', 'DP', 'Departed FedEx location', place('MEMPHIS', 'TN', '38118'), 'MEMH', 'America/Chicago'),
  },
  {
    fixture: 'tracking-out-for-delivery',
    vendorEventId: 'trk_evt_01JDZ2W9X6Y3Z0A7B4C1D8E5F2',
    expected: inTransit('2026-11-24T13:05:00Z', 'OUT_FOR_DELIVERY', 'OD', 'On FedEx vehicle for delivery', place('AUSTIN', 'TX', '78744'), 'AUSR', 'America/Chicago'),
  },
  {
    fixture: 'tracking-exception',
    vendorEventId: 'trk_evt_01JDZ9H4J1K8L5M2N9P6Q3R0S7',
    expected: {
      eventType: 'DeliveryException',
      event: {
        envelope: env('DeliveryException', '2026-11-24T20:20:00Z'),
        reason: 'RECIPIENT_UNAVAILABLE',
        carrierReasonCode: '08',
        description: 'Customer not available or business closed. Contact: [redacted]',
        location: place('AUSTIN', 'TX', '78701'),
        deliveryAttemptNumber: 1,
        actionRequired: false,
        resolutionExpectedAt: null,
      },
    },
  },
  {
    fixture: 'tracking-eta-changed',
    vendorEventId: 'trk_evt_01JE0C5D2E9F6G3H0J7K4L1M8N',
    expected: {
      eventType: 'EtaUpdated',
      event: {
        envelope: env('EtaUpdated', '2026-11-24T22:00:00Z'),
        previousEta: new Date('2026-11-24T20:00:00Z'),
        newEta: new Date('2026-11-25T20:00:00Z'),
        etaWindowStart: new Date('2026-11-25T15:00:00Z'),
        etaWindowEnd: new Date('2026-11-25T23:00:00Z'),
        reason: 'WEATHER',
        carrierReasonCode: '33',
      },
    },
  },
  {
    fixture: 'tracking-delivered',
    vendorEventId: 'trk_evt_01JE1R8S5T2U9V6W3X0Y7Z4A1B',
    expected: {
      eventType: 'ProofOfDeliveryReceived',
      event: {
        envelope: env('ProofOfDeliveryReceived', '2026-11-25T17:42:00Z'),
        deliveredAt: new Date('2026-11-25T17:42:00Z'),
        signatureCaptured: true,
        podReference: 'POD-794612345678-1',
        documentUrl: 'https://tracking.example-carrier.com/pod/794612345678?token=opaque',
        location: place('AUSTIN', 'TX', '78701'),
        piecesDelivered: 1,
        exceptionsNoted: false,
      },
    },
  },
];

describe('parcel tracking webhook → canonical carrier events', () => {
  for (const c of cases) {
    it(`${c.fixture} → ${c.expected.eventType}`, () => {
      const d = map(fixture(c.fixture));
      assert.equal(d.kind, 'tracking.update');
      assert.equal(d.vendorEventId, c.vendorEventId);
      assert.deepEqual(d.events, [c.expected]);
      assertSchemaValid(d.events);
    });
  }

  it('carries no personal data: the signer name, phone and e-mail never reach an event', () => {
    const all = JSON.stringify([...cases.map((c) => map(fixture(c.fixture)).events)]);
    for (const pii of ['RIVERA', 'Rivera', '555-0134', '@example.com']) assert.ok(!all.includes(pii), `event contains "${pii}"`);
  });

  it('takes the correlation id the body carries', () => {
    assert.equal(map(fixture('tracking-out-for-delivery')).correlationId, 'cx-7d1e0c55');
  });

  it('keeps the scan time for a late scan: occurredAt is the vendor time, recordedAt the receipt', () => {
    const late = new MappingContext({ kind: 'CARRIER', system: 'carrier-test' }, 'vendor-id', new Date('2026-11-26T08:00:00Z'));
    const [e] = map(fixture('tracking-departed'), late).events;
    assert.deepEqual([e!.event.envelope.occurredAt, e!.event.envelope.recordedAt], [new Date('2026-11-23T15:45:00Z'), new Date('2026-11-26T08:00:00Z')]);
  });
});

describe('parcel tracking webhook: bad input', () => {
  const rejects = (body: object, check: (e: ValidationError) => void) =>
    assert.throws(
      () => map(body),
      (err: unknown) => {
        assert.ok(err instanceof ValidationError, String(err));
        check(err);
        return true;
      },
    );

  it('an unknown status code is UNKNOWN_CODE naming the code and its field', () => {
    const body = fixture('tracking-departed');
    body.scan.statusCode = 'ZZ';
    rejects(body, (e) => {
      assert.equal(e.code, 'UNKNOWN_CODE');
      assert.match(e.message, /unknown parcel status code "ZZ"/);
      assert.equal(e.issues[0]!.path, 'scan.statusCode');
    });
  });

  it('an unknown exception code is UNKNOWN_CODE naming it', () => {
    const body = fixture('tracking-exception');
    body.scan.exceptionCode = '77';
    rejects(body, (e) => {
      assert.equal(e.code, 'UNKNOWN_CODE');
      assert.match(e.message, /unknown parcel exception code "77"/);
    });
  });

  it('counts past an Avro int are VALIDATION_FAILED naming them (found by the bad-input battery: a 500 before)', () => {
    const body = fixture('tracking-delivered');
    body.proofOfDelivery.piecesDelivered = 2_147_483_648;
    rejects(body, (e) => {
      assert.equal(e.code, 'VALIDATION_FAILED');
      assert.deepEqual(e.issues.map((i) => i.path), ['proofOfDelivery.piecesDelivered']);
    });
  });

  it('missing and mistyped fields are listed with their paths', () => {
    const body = fixture('tracking-picked-up');
    delete body.shipperReference;
    body.scan.occurredAt = 'yesterday';
    body.scan.location.countryCode = 'USA';
    rejects(body, (e) => {
      assert.equal(e.code, 'VALIDATION_FAILED');
      assert.deepEqual(e.issues.map((i) => i.path).sort(), ['scan.location.countryCode', 'scan.occurredAt', 'shipperReference']);
    });
  });

  it('a DE without exception code, or an ED without estimate, names the missing field', () => {
    const de = fixture('tracking-exception');
    delete de.scan.exceptionCode;
    rejects(de, (e) => assert.deepEqual(e.issues, [{ path: 'scan.exceptionCode', message: 'required for status DE' }]));
    const ed = fixture('tracking-eta-changed');
    delete ed.estimatedDelivery;
    rejects(ed, (e) => assert.deepEqual(e.issues, [{ path: 'estimatedDelivery', message: 'required for status ED' }]));
  });

  it('an unknown eventType is UNKNOWN_EVENT_TYPE (routing by eventType)', () => {
    rejects({ ...fixture('tracking-departed'), eventType: 'tracking.deleted' }, (e) => {
      assert.equal(e.code, 'UNKNOWN_EVENT_TYPE');
      assert.match(e.message, /"tracking\.deleted".*supported: tracking\.update/);
    });
  });
});
