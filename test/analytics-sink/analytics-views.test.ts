import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AnalyticsSink } from '../../services/analytics-sink/analytics-sink.ts';
import type { TypedEvent } from '../../services/platform/events/canonical-event.ts';
import { Platform } from '../../services/platform/runtime/platform.ts';
import { build, type EnvelopeOpts } from '../support/analytics-fixtures.ts';
import { provision, testLogger, testPlatformConfig, waitFor } from '../support/test-env.ts';
import { scalar, sinkConfig } from './sink-harness.ts';

const platform = testPlatformConfig(undefined, 'analytics-views');

/**
 * Five shipments, two carriers. Times are UTC; a day is 2026-03-02 unless it says 03-03.
 *
 * | order/shipment | carrier | released (ERP, delay) | planned (TMS) / planned delivery | dispatched (WMS) | ETA updates (occurred → new ETA)          | exceptions              | delivered |
 * | O1 / S1        | ACME    | 08:00 (+10 s)         | 09:00 / 03-03 12:00               | 11:00            | -                                          | -                       | 03-03 10:00 |
 * | O2 / S2        | ACME    | 08:30 (+20 s)         | 09:30 / 03-03 09:00               | 12:30            | 03-03 06:00 → 15:00                        | WEATHER_DELAY           | 03-03 14:00 |
 * | O3 / S3        | ZOOM    | 09:00 (+30 s)         | 10:00 / 03-03 10:00               | 15:00            | 07:00 → 11:00, 08:00 → 12:00, 14:00 → 16:00 | ADDRESS_ISSUE ×2        | 03-03 13:00 |
 * | O4 / S4        | ZOOM    | 10:00 (+40 s)         | 11:00 / 03-04 12:00               | 16:00            | -                                          | WEATHER_DELAY           | -           |
 * | O5 / S5        | ZOOM    | 10:30 (+50 s)         | 11:30 / 03-04 12:00               | 18:30            | -                                          | -                       | -           |
 * TMS events are recorded 10 s after they occur, WMS 5 s, carrier events 20 s.
 */
function fleet(u: string): TypedEvent[] {
  const S = (n: number) => `S${n}-${u}`;
  const O = (n: number) => `O${n}-${u}`;
  const carrier = (n: number, at: string, carrierCode: string): EnvelopeOpts => ({ occurredAt: at, shipmentId: S(n), orderId: O(n), carrierCode, delaySeconds: 20 });
  const events: TypedEvent[] = [];
  const plan: Array<[number, string, string, string, string]> = [
    [1, 'ACME', '08:00', '09:00', '2026-03-03T12:00:00Z'],
    [2, 'ACME', '08:30', '09:30', '2026-03-03T09:00:00Z'],
    [3, 'ZOOM', '09:00', '10:00', '2026-03-03T10:00:00Z'],
    [4, 'ZOOM', '10:00', '11:00', '2026-03-04T12:00:00Z'],
    [5, 'ZOOM', '10:30', '11:30', '2026-03-04T12:00:00Z'],
  ];
  const dispatched = ['11:00', '12:30', '15:00', '16:00', '18:30'];
  for (const [n, carrierCode, released, planned, plannedDeliveryAt] of plan) {
    events.push({ eventType: 'OrderReleased', event: build.OrderReleased({ occurredAt: `2026-03-02T${released}:00Z`, orderId: O(n), delaySeconds: n * 10 }) });
    events.push({
      eventType: 'ShipmentPlanned',
      event: build.ShipmentPlanned({ occurredAt: `2026-03-02T${planned}:00Z`, shipmentId: S(n), orderId: O(n), carrierCode, delaySeconds: 10 }, { plannedDeliveryAt: new Date(plannedDeliveryAt) }),
    });
    events.push({ eventType: 'ShipmentDispatched', event: build.ShipmentDispatched({ occurredAt: `2026-03-02T${dispatched[n - 1]}:00Z`, shipmentId: S(n), orderId: O(n), delaySeconds: 5 }) });
  }
  const eta = (n: number, at: string, newEta: string, c: string): TypedEvent => ({ eventType: 'EtaUpdated', event: build.EtaUpdated(carrier(n, `2026-03-03T${at}:00Z`, c), `2026-03-03T${newEta}:00Z`) });
  const exception = (n: number, at: string, c: string, reason: 'WEATHER_DELAY' | 'ADDRESS_ISSUE'): TypedEvent => ({
    eventType: 'DeliveryException',
    event: build.DeliveryException(carrier(n, `2026-03-03T${at}:00Z`, c), reason),
  });
  const pod = (n: number, at: string, c: string): TypedEvent => ({ eventType: 'ProofOfDeliveryReceived', event: build.ProofOfDeliveryReceived(carrier(n, `2026-03-03T${at}:00Z`, c)) });
  events.push(eta(2, '06:00', '15:00', 'ACME'), eta(3, '07:00', '11:00', 'ZOOM'), eta(3, '08:00', '12:00', 'ZOOM'), eta(3, '14:00', '16:00', 'ZOOM'));
  events.push(exception(2, '08:00', 'ACME', 'WEATHER_DELAY'), exception(3, '09:00', 'ZOOM', 'ADDRESS_ISSUE'), exception(3, '10:00', 'ZOOM', 'ADDRESS_ISSUE'));
  events.push(exception(4, '09:30', 'ZOOM', 'WEATHER_DELAY'));
  events.push(pod(1, '10:00', 'ACME'), pod(2, '14:00', 'ACME'), pod(3, '13:00', 'ZOOM'));
  return events;
}

describe('analytics views over a known fleet of shipments', () => {
  const u = Math.random().toString(36).slice(2, 8);
  let p: Platform;
  let sink: AnalyticsSink;
  const q = async (sql: string) => (await sink.openStore!.query(sql)).rows;

  before(async () => {
    await provision(platform);
    p = Platform.fromConfig(platform, testLogger);
    const events = fleet(u);
    await (await p.eventProducer()).publish(events);
    sink = AnalyticsSink.fromConfig(sinkConfig(platform), testLogger);
    await sink.start();
    await waitFor('every fleet event', async () => (await scalar(sink.openStore!, 'SELECT count(*) FROM all_events')) === events.length, 30_000);
  });
  after(async () => {
    await sink.stop();
    await p.close();
  });

  it('order_to_dispatch: released → first dispatch per order and shipment', async () => {
    const rows = await q(`SELECT split_part(order_id, '-', 1) AS o, split_part(shipment_id, '-', 1) AS s, carrier_code, cycle_hours FROM order_to_dispatch ORDER BY o`);
    // 08:00→11:00, 08:30→12:30, 09:00→15:00, 10:00→16:00, 10:30→18:30
    assert.deepEqual(rows, [
      { o: 'O1', s: 'S1', carrier_code: 'ACME', cycle_hours: 3 },
      { o: 'O2', s: 'S2', carrier_code: 'ACME', cycle_hours: 4 },
      { o: 'O3', s: 'S3', carrier_code: 'ZOOM', cycle_hours: 6 },
      { o: 'O4', s: 'S4', carrier_code: 'ZOOM', cycle_hours: 6 },
      { o: 'O5', s: 'S5', carrier_code: 'ZOOM', cycle_hours: 8 },
    ]);
  });

  it('dispatch_to_delivery: first dispatch → delivered_at of the proof of delivery', async () => {
    const rows = await q(`SELECT split_part(shipment_id, '-', 1) AS s, transit_hours FROM dispatch_to_delivery ORDER BY s`);
    // 03-02 11:00 → 03-03 10:00; 12:30 → 14:00; 15:00 → 13:00. S4 and S5 are not delivered.
    assert.deepEqual(rows, [
      { s: 'S1', transit_hours: 23 },
      { s: 'S2', transit_hours: 25.5 },
      { s: 'S3', transit_hours: 22 },
    ]);
  });

  it('on-time delivery per carrier: the latest ETA before delivery, else the plan', async () => {
    const promise = await q(`SELECT split_part(shipment_id, '-', 1) AS s, strftime(promised_at, '%d %H:%M') AS promised, on_time, on_time_vs_plan FROM delivery_promise ORDER BY s`);
    // S1: no ETA, plan 12:00, delivered 10:00. S2: ETA 15:00 (plan 09:00), delivered 14:00.
    // S3: ETAs 11:00 then 12:00 before delivery at 13:00; the 16:00 ETA came after delivery and does not count.
    assert.deepEqual(promise, [
      { s: 'S1', promised: '03 12:00', on_time: true, on_time_vs_plan: true },
      { s: 'S2', promised: '03 15:00', on_time: true, on_time_vs_plan: false },
      { s: 'S3', promised: '03 12:00', on_time: false, on_time_vs_plan: false },
    ]);
    const rates = await q(
      `SELECT carrier_code, delivered_shipments::INTEGER AS delivered, on_time_shipments::INTEGER AS on_time, on_time_rate, on_time_vs_plan_rate FROM on_time_delivery_by_carrier ORDER BY carrier_code`,
    );
    assert.deepEqual(rates, [
      { carrier_code: 'ACME', delivered: 2, on_time: 2, on_time_rate: 1, on_time_vs_plan_rate: 0.5 },
      { carrier_code: 'ZOOM', delivered: 1, on_time: 0, on_time_rate: 0, on_time_vs_plan_rate: 0 },
    ]);
  });

  it('exception rate per carrier and reason: affected shipments / dispatched shipments', async () => {
    const rows = await q(
      `SELECT carrier_code, reason, exceptions::INTEGER AS exceptions, shipments_affected::INTEGER AS affected, dispatched_shipments::INTEGER AS dispatched, round(exception_rate, 4) AS rate
       FROM exception_rate_by_carrier_reason ORDER BY carrier_code, reason`,
    );
    // ACME dispatched S1, S2; ZOOM dispatched S3, S4, S5. S3 had two ADDRESS_ISSUE exceptions.
    assert.deepEqual(rows, [
      { carrier_code: 'ACME', reason: 'WEATHER_DELAY', exceptions: 1, affected: 1, dispatched: 2, rate: 0.5 },
      { carrier_code: 'ZOOM', reason: 'ADDRESS_ISSUE', exceptions: 2, affected: 1, dispatched: 3, rate: 0.3333 },
      { carrier_code: 'ZOOM', reason: 'WEATHER_DELAY', exceptions: 1, affected: 1, dispatched: 3, rate: 0.3333 },
    ]);
  });

  it('events per source per hour, by the hour the backbone recorded them', async () => {
    const rows = await q(`SELECT strftime(hour, '%d %H') AS h, source_kind, events::INTEGER AS n FROM events_per_source_hour ORDER BY source_kind, h`);
    const lines = rows.map((r) => `${r.source_kind} ${r.h} ${r.n}`);
    assert.deepEqual(lines, [
      // carrier events on 03-03, recorded 20 s after: ETAs 06, 07, 08, 14; exceptions 08, 09, 09:30, 10; deliveries 10, 13, 14
      'CARRIER 03 06 1',
      'CARRIER 03 07 1',
      'CARRIER 03 08 2',
      'CARRIER 03 09 2',
      'CARRIER 03 10 2',
      'CARRIER 03 13 1',
      'CARRIER 03 14 2',
      // releases recorded 08:00:10, 08:30:20, 09:00:30, 10:00:40, 10:30:50
      'ERP 02 08 2',
      'ERP 02 09 1',
      'ERP 02 10 2',
      // plans recorded 09:00:10, 09:30:10, 10:00:10, 11:00:10, 11:30:10
      'TMS 02 09 2',
      'TMS 02 10 1',
      'TMS 02 11 2',
      // dispatches
      'WMS 02 11 1',
      'WMS 02 12 1',
      'WMS 02 15 1',
      'WMS 02 16 1',
      'WMS 02 18 1',
    ]);
  });

  it('event freshness: recordedAt − occurredAt per event type and source', async () => {
    const rows = await q(
      `SELECT event_type, events::INTEGER AS n, avg_seconds, p50_seconds, p95_seconds, min_seconds, max_seconds FROM event_freshness ORDER BY event_type`,
    );
    // Releases: 10, 20, 30, 40, 50 s → mean 30, median 30, p95 = 40 + 0.8 × 10 = 48 (linear interpolation).
    assert.deepEqual(rows, [
      { event_type: 'DeliveryException', n: 4, avg_seconds: 20, p50_seconds: 20, p95_seconds: 20, min_seconds: 20, max_seconds: 20 },
      { event_type: 'EtaUpdated', n: 4, avg_seconds: 20, p50_seconds: 20, p95_seconds: 20, min_seconds: 20, max_seconds: 20 },
      { event_type: 'OrderReleased', n: 5, avg_seconds: 30, p50_seconds: 30, p95_seconds: 48, min_seconds: 10, max_seconds: 50 },
      { event_type: 'ProofOfDeliveryReceived', n: 3, avg_seconds: 20, p50_seconds: 20, p95_seconds: 20, min_seconds: 20, max_seconds: 20 },
      { event_type: 'ShipmentDispatched', n: 5, avg_seconds: 5, p50_seconds: 5, p95_seconds: 5, min_seconds: 5, max_seconds: 5 },
      { event_type: 'ShipmentPlanned', n: 5, avg_seconds: 10, p50_seconds: 10, p95_seconds: 10, min_seconds: 10, max_seconds: 10 },
    ]);
  });
});
