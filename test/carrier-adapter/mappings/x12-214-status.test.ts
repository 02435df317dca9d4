import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { carrierAdapter } from '../../../services/carrier-adapter/carrier-adapter.ts';
import { MalformedInputError, ValidationError } from '../../../services/platform/errors/backbone-error.ts';
import type { EventTypeName, IoLogisticsCommon } from '../../../services/platform/events/canonical-event.ts';
import { assertSchemaValid, expectedEnvelope, fixtureText, mapBody, RECEIVED_AT, testContext } from '../../support/mapping-harness.ts';

const router = carrierAdapter.endpoints['/webhooks/carrier/v1/edi']!;
const map = (text: string) => mapBody(router, text, 'application/edi-x12', testContext('CARRIER', 'carrier-test'));
const fixture = (name: string) => fixtureText(`ltl-carrier-x12/${name}.edi`);

const env = (n: number, eventType: EventTypeName, occurredAt: string | Date, shipmentId: string, pro: string) =>
  expectedEnvelope('CARRIER', 'carrier-test', n, eventType, {
    occurredAt: new Date(occurredAt),
    correlationId: `shipment:${shipmentId}`,
    shipmentId,
    carrierCode: 'ODFL',
    trackingNumber: pro,
  });
const place = (city: string, state: string): IoLogisticsCommon.Location => ({ facilityId: null, city, subdivisionCode: `US-${state}`, postalCode: null, countryCode: 'US' });
const scan = (n: number, at: string, milestone: IoLogisticsCommon.TransitMilestone, code: string, location: IoLogisticsCommon.Location, tz: string) => ({
  eventType: 'InTransit' as const,
  event: {
    envelope: env(n, 'InTransit', at, 'SHP-2026-000123', '7784512903'),
    milestone,
    carrierStatusCode: code,
    carrierStatusDescription: null,
    location,
    carrierFacilityCode: null,
    locationTimeZone: tz,
  },
});

describe('X12 214 → canonical carrier events', () => {
  it('a multi-status 214: one event per AT7, in order, scan times converted from their time codes', () => {
    const d = map(fixture('214-multi-status'));
    assert.equal(d.kind, 'X12-214');
    assert.equal(d.vendorEventId, 'ODFL/000004711/0001');
    assert.deepEqual(d.events, [
      scan(0, '2026-11-22T13:45:00Z', 'PICKED_UP', 'AF', place('COLUMBUS', 'OH'), 'America/New_York'),
      // MS1 without country: IN is a US state.
      scan(1, '2026-11-22T21:10:00Z', 'ARRIVED_AT_FACILITY', 'X4', place('INDIANAPOLIS', 'IN'), 'America/New_York'),
      // MS1-03 "USA" (alpha-3) becomes "US".
      scan(2, '2026-11-23T03:35:00Z', 'DEPARTED_FACILITY', 'P1', place('INDIANAPOLIS', 'IN'), 'America/New_York'),
      scan(3, '2026-11-23T11:40:00Z', 'IN_TRANSIT', 'X6', place('CHICAGO', 'IL'), 'America/Chicago'),
      {
        eventType: 'EtaUpdated',
        event: {
          // The AT7 time of an estimate is the estimate; the estimate was made when we received it.
          envelope: env(4, 'EtaUpdated', RECEIVED_AT, 'SHP-2026-000123', '7784512903'),
          previousEta: null,
          newEta: new Date('2026-11-23T20:00:00Z'),
          etaWindowStart: null,
          etaWindowEnd: null,
          reason: 'CARRIER_UPDATE',
          carrierReasonCode: 'NS',
        },
      },
    ]);
    assertSchemaValid(d.events);
  });

  it('two transaction sets in one interchange: delivered (POD with pieces) and delayed by weather', () => {
    const d = map(fixture('214-delivered-and-delayed'));
    assert.equal(d.vendorEventId, 'ODFL/000004712/0001+0002');
    assert.deepEqual(d.events, [
      {
        eventType: 'ProofOfDeliveryReceived',
        event: {
          envelope: env(0, 'ProofOfDeliveryReceived', '2026-11-24T15:15:00Z', 'SHP-2026-000123', '7784512903'),
          deliveredAt: new Date('2026-11-24T15:15:00Z'),
          signatureCaptured: false,
          podReference: null,
          documentUrl: null,
          location: place('CHICAGO', 'IL'),
          piecesDelivered: 10,
          exceptionsNoted: false,
        },
      },
      {
        eventType: 'DeliveryException',
        event: {
          envelope: env(1, 'DeliveryException', '2026-11-24T13:00:00Z', 'SHP-2026-000124', '7784512911'),
          reason: 'WEATHER_DELAY',
          carrierReasonCode: 'AO',
          description: null,
          location: place('GARY', 'IN'),
          deliveryAttemptNumber: null,
          actionRequired: false,
          resolutionExpectedAt: null,
        },
      },
    ]);
    assertSchemaValid(d.events);
  });

  it('an attempted delivery (AH + reason) and a delivery appointment (AT7-03 AB) → exception and ETA', () => {
    const d = map(fixture('214-attempted-delivery'));
    assert.equal(d.vendorEventId, 'ODFL/000004713/0001');
    assert.deepEqual(d.events, [
      {
        eventType: 'DeliveryException',
        event: {
          envelope: env(0, 'DeliveryException', '2026-11-25T14:30:00Z', 'SHP-2026-000124', '7784512911'),
          reason: 'RECIPIENT_UNAVAILABLE',
          carrierReasonCode: 'B1',
          description: null,
          location: place('MILWAUKEE', 'WI'),
          deliveryAttemptNumber: null,
          actionRequired: false,
          resolutionExpectedAt: null,
        },
      },
      {
        eventType: 'EtaUpdated',
        event: {
          envelope: env(1, 'EtaUpdated', RECEIVED_AT, 'SHP-2026-000124', '7784512911'),
          previousEta: null,
          newEta: new Date('2026-11-26T16:00:00Z'),
          etaWindowStart: null,
          etaWindowEnd: null,
          reason: 'APPOINTMENT_RESCHEDULED',
          carrierReasonCode: 'NA',
        },
      },
    ]);
    assertSchemaValid(d.events);
  });

  it('a D1 with a reason other than NS notes exceptions on the POD; an L11*2I overrides the PRO as tracking number', () => {
    const text = fixture('214-delivered-and-delayed')
      .replace('AT7*D1*NS*', 'AT7*D1*AK*')
      .replace('AT8*G*L*1250*10~', 'AT8*G*L*1250*10~\nL11*PKG-0007*2I~')
      .replace('SE*8*0001', 'SE*9*0001');
    const [pod] = map(text).events;
    assert.equal(pod!.eventType, 'ProofOfDeliveryReceived');
    assert.equal(pod!.event.envelope.trackingNumber, 'PKG-0007');
    assert.equal((pod!.event as { exceptionsNoted: boolean }).exceptionsNoted, true);
  });
});

describe('X12 214: bad input', () => {
  const rejects = (text: string, check: (e: ValidationError) => void) =>
    assert.throws(
      () => map(text),
      (err: unknown) => {
        assert.ok(err instanceof ValidationError, String(err));
        check(err);
        return true;
      },
    );

  it('an unknown AT7-01 status code is UNKNOWN_CODE naming the code and its element', () => {
    rejects(fixture('214-multi-status').replace('AT7*X6*NS*', 'AT7*ZZ*NS*'), (e) => {
      assert.equal(e.code, 'UNKNOWN_CODE');
      assert.match(e.message, /unknown X12 214 shipment status code \(AT7-01\) "ZZ"/);
      assert.equal(e.issues[0]!.path, 'ST[0001].LX[4].AT7-01');
    });
  });

  it('an unknown AT7-02 reason code is UNKNOWN_CODE naming it', () => {
    rejects(fixture('214-delivered-and-delayed').replace('AT7*SD*AO*', 'AT7*SD*Q9*'), (e) => {
      assert.equal(e.code, 'UNKNOWN_CODE');
      assert.match(e.message, /unknown X12 214 status reason code "Q9"/);
      assert.equal(e.issues[0]!.path, 'ST[0002].LX[1].AT7-02');
    });
  });

  it('missing shipment id, a local time without time code and a bad date are all listed with their paths', () => {
    const text = fixture('214-multi-status')
      .replace('B10*7784512903*SHP-2026-000123*ODFL', 'B10*7784512903**ODFL')
      .replace('AT7*X4*NS***20261122*1610*ET', 'AT7*X4*NS***20261122*1610')
      .replace('AT7*P1*NS***20261122*2235*ET', 'AT7*P1*NS***20261131*2235*ET');
    rejects(text, (e) => {
      assert.equal(e.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        e.issues.map((i) => i.path),
        ['ST[0001].B10-02', 'ST[0001].LX[2].AT7-07', 'ST[0001].LX[3].AT7-05'],
      );
    });
  });

  it('a 214 in a group that is not QM, and a 214 without status loop, are refused', () => {
    rejects(fixture('214-attempted-delivery').replace('GS*QM*', 'GS*SH*'), (e) => assert.equal(e.issues[0]!.path, 'GS[4713].GS01'));
    const noLoop = fixture('214-delivered-and-delayed').replace(/ST\*214\*0002~\n[\s\S]*SE\*6\*0002~\n/, 'ST*214*0002~\nB10*7784512911*SHP-2026-000124*ODFL~\nSE*3*0002~\n');
    rejects(noLoop, (e) => assert.deepEqual(e.issues, [{ path: 'ST[0002].LX', message: 'at least one LX status loop is required' }]));
  });

  it('an MS1 whose state is not a US state or Canadian province needs MS1-03', () => {
    rejects(fixture('214-multi-status').replace('MS1*INDIANAPOLIS*IN~', 'MS1*HAMBURG*HH~'), (e) => assert.equal(e.issues[0]!.path, 'ST[0001].LX[2].MS1-03'));
  });

  it('malformed EDI (wrong SE count, truncated) is MALFORMED_EDI, not a mapping error', () => {
    const malformed = (text: string, pattern: RegExp) =>
      assert.throws(
        () => map(text),
        (e: unknown) => e instanceof MalformedInputError && e.code === 'MALFORMED_EDI' && pattern.test(e.message),
      );
    malformed(fixture('214-multi-status').replace('SE*24*0001', 'SE*23*0001'), /SE01 says "23" segments, transaction set 0001 has 24/);
    malformed(fixture('214-multi-status').slice(0, 400), /truncated/);
  });
});
