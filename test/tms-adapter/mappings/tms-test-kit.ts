import assert from 'node:assert/strict';
import type { EventTypeName, TypedEvent } from '../../../services/platform/events/canonical-event.ts';
import { ValidationError } from '../../../services/platform/errors/backbone-error.ts';
import { tmsAdapter } from '../../../services/tms-adapter/tms-adapter.ts';
import { expectedEnvelope, fixtureJson, mapBody, testContext, type ExpectedEnvelope, type MappedDelivery } from '../../support/mapping-harness.ts';

/** Maps a TMS body through the adapter's real endpoint router, with the fixed test context. */
export function mapTms(body: object): MappedDelivery {
  return mapBody(tmsAdapter.endpoints['/webhooks/tms/v1']!, body, 'application/json', testContext('TMS', 'tms-test'));
}

/** A TMS fixture (fresh copy). */
export const tmsFixture = (name: string) => fixtureJson(`tms/${name}.json`);

/** The expected envelope of the n-th event of a TMS delivery. */
export const tmsEnvelope = (n: number, eventType: EventTypeName, f: ExpectedEnvelope) => expectedEnvelope('TMS', 'tms-test', n, eventType, f);

const columbus = { facilityId: 'DC-EAST-01', city: 'Columbus', subdivisionCode: 'US-OH', postalCode: '43217', countryCode: 'US' };

/** The ShipmentPlanned of SHP-2026-000123 as every planning fixture describes it. */
export function plannedShipment123(n: number, o: { occurredAt: string; carrier: string; serviceLevel: 'STANDARD' | 'SCHEDULED'; serviceCode: string; trackingNumber?: string }): TypedEvent {
  return {
    eventType: 'ShipmentPlanned',
    event: {
      envelope: tmsEnvelope(n, 'ShipmentPlanned', {
        occurredAt: new Date(o.occurredAt),
        correlationId: 'shipment:SHP-2026-000123',
        shipmentId: 'SHP-2026-000123',
        orderId: 'SO-2026-004711',
        warehouseId: 'DC-EAST-01',
        carrierCode: o.carrier,
        trackingNumber: o.trackingNumber ?? null,
      }),
      loadId: 'LD-2026-1122-07',
      carrierCode: o.carrier,
      serviceLevel: o.serviceLevel,
      carrierServiceCode: o.serviceCode,
      plannedPickupAt: new Date('2026-11-22T13:30:00Z'),
      plannedDeliveryAt: new Date('2026-11-24T15:00:00Z'),
      origin: columbus,
      destination: { facilityId: 'CHI-DC-02', city: 'Chicago', subdivisionCode: 'US-IL', postalCode: '60607', countryCode: 'US' },
      orderIds: ['SO-2026-004711'],
      customerId: 'CUST-88412',
    },
  };
}

/** Asserts mapping `body` fails with a ValidationError of `code` whose issue paths are `paths`. */
export function assertRejected(body: object, code: string, paths: string[], message?: RegExp): void {
  assert.throws(
    () => mapTms(body),
    (err: unknown) => {
      assert.ok(err instanceof ValidationError, String(err));
      assert.equal(err.code, code);
      assert.deepEqual(err.issues.map((i) => i.path).sort(), [...paths].sort());
      if (message) assert.match(err.message, message);
      return true;
    },
  );
}
