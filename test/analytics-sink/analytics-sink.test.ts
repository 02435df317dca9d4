import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AnalyticsSink } from '../../services/analytics-sink/analytics-sink.ts';
import type { AnalyticsSinkConfig } from '../../services/analytics-sink/analytics-config.ts';
import { eventTypeNames, type TypedEvent } from '../../services/platform/events/canonical-event.ts';
import type { EventProducer } from '../../services/platform/kafka/event-producer.ts';
import type { TopicCatalog } from '../../services/platform/kafka/topic-catalog.ts';
import { Platform } from '../../services/platform/runtime/platform.ts';
import { shipmentStory } from '../support/analytics-fixtures.ts';
import { provision, testLogger, testPlatformConfig, waitFor } from '../support/test-env.ts';
import { endOffsets, scalar, setGroupOffsets, sinkConfig, withStore } from './sink-harness.ts';

const platform = testPlatformConfig(undefined, 'analytics-sink');

describe('analytics sink: exactly-once into DuckDB', () => {
  let catalog: TopicCatalog;
  let producerPlatform: Platform;
  let producer: EventProducer;
  let config: AnalyticsSinkConfig;
  let sink: AnalyticsSink | undefined;
  const produced: TypedEvent[] = [];

  const publish = async (events: TypedEvent[]) => {
    await producer.publish(events);
    produced.push(...events);
  };
  const startSink = async () => {
    sink = AnalyticsSink.fromConfig(config, testLogger);
    await sink.start();
    return sink;
  };
  const stopSink = async () => {
    await sink?.stop();
    sink = undefined;
  };
  const rowsWhileRunning = () => scalar(sink!.openStore!, 'SELECT count(*) FROM all_events');

  before(async () => {
    catalog = await provision(platform);
    producerPlatform = Platform.fromConfig(platform, testLogger);
    producer = await producerPlatform.eventProducer();
    config = sinkConfig(platform);
  });
  after(async () => {
    await stopSink();
    await producerPlatform.close();
  });

  it('stores exactly N rows for N events of all 12 types, with typed values and the envelope', async () => {
    for (let i = 0; i < 5; i++) await publish(shipmentStory());
    const n = produced.length;
    await startSink();
    await waitFor(`${n} rows`, async () => (await rowsWhileRunning()) === n, 30_000);
    const store = sink!.openStore!;
    for (const type of eventTypeNames) {
      const table = `events_${type.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()}`;
      assert.equal(await scalar(store, `SELECT count(*) FROM ${table}`), 5, table);
    }
    // A PickCompleted row: envelope columns, Kafka coordinates, typed payload (LIST of STRUCT, LIST of VARCHAR).
    const pick = produced.find((e) => e.eventType === 'PickCompleted')!.event as import('../../services/platform/events/canonical-event.ts').EventTypeMap['PickCompleted'];
    const env = pick.envelope;
    const r = await store.query(
      `SELECT event_id, event_type, occurred_at = TIMESTAMPTZ '${env.occurredAt.toISOString()}' AS occurred_ok, recorded_at = TIMESTAMPTZ '${env.recordedAt.toISOString()}' AS recorded_ok,
              source_kind, source_system, vendor_event_id, correlation_id, causation_id, shipment_id, order_id, warehouse_id, carrier_code, tracking_number,
              topic, "partition" >= 0 AS has_partition, "offset" >= 0 AS has_offset, schema_id > 0 AS has_schema,
              pick_list_id, pick_task_id, wave_id, short_picked, tote_ids, lines[2].sku AS sku2, lines[2].quantity AS qty2, lines[2].lot_number AS lot2, typeof(lines) AS lines_type
       FROM events_pick_completed WHERE event_id = '${env.eventId}'`,
    );
    assert.deepEqual(r.rows[0], {
      event_id: env.eventId,
      event_type: 'PickCompleted',
      occurred_ok: true,
      recorded_ok: true,
      source_kind: 'WMS',
      source_system: 'wms-test',
      vendor_event_id: env.source.vendorEventId,
      correlation_id: env.correlationId,
      causation_id: null,
      shipment_id: env.shipmentId,
      order_id: env.orderId,
      warehouse_id: 'DC-1',
      carrier_code: 'ACME',
      tracking_number: null,
      topic: catalog.lifecycle.name,
      has_partition: true,
      has_offset: true,
      has_schema: true,
      pick_list_id: 'PL-1',
      pick_task_id: null,
      wave_id: 'W-9',
      short_picked: false,
      tote_ids: ['T-1', 'T-2'],
      sku2: 'SKU-2',
      qty2: 1.5,
      lot2: 'LOT-7',
      lines_type: 'STRUCT(line_number INTEGER, sku VARCHAR, quantity DOUBLE, unit_of_measure VARCHAR, lot_number VARCHAR)[]',
    });
    // Dates, enums, nested records and the payload field that shares a name with the envelope.
    const planned = await store.query(
      `SELECT p.payload_carrier_code, p.service_level, p.destination.city AS city, typeof(p.planned_delivery_at) AS t, o.requested_ship_date::VARCHAR AS ship_date, typeof(o.requested_ship_date) AS d
       FROM events_shipment_planned p JOIN events_order_released o ON o.order_id = p.order_id LIMIT 1`,
    );
    assert.deepEqual(planned.rows[0], { payload_carrier_code: 'ACME', service_level: 'STANDARD', city: 'Berlin', t: 'TIMESTAMP WITH TIME ZONE', ship_date: '2026-03-02', d: 'DATE' });
    // The stored offsets are exactly the topic's end offsets.
    assert.deepEqual(new Map(sink!.storedOffsets()), await endOffsets(platform, catalog.lifecycle.name));
    assert.equal(sink!.stats.duplicateEventIds, 0);
  });

  it('resumes from its stored offsets, not Kafka\'s: a group moved past unread events loses none', async () => {
    await stopSink();
    await publish(shipmentStory()); // written while the sink is down ...
    await setGroupOffsets(platform, config.groupId, catalog.lifecycle.name, 'latest'); // ... and skipped by the group's Kafka offsets
    await startSink();
    await waitFor(`${produced.length} rows`, async () => (await rowsWhileRunning()) === produced.length, 30_000);
    assert.equal(sink!.stats.skippedAlreadyStored, 0);
  });

  it('never duplicates a row when the group is replayed from the beginning or the sink restarts', async () => {
    await stopSink();
    await setGroupOffsets(platform, config.groupId, catalog.lifecycle.name, 'earliest'); // a replay of the whole topic
    await startSink();
    await publish(shipmentStory()); // a live event after the replayed ones proves the sink got past them
    await waitFor(`${produced.length} rows`, async () => (await rowsWhileRunning()) === produced.length, 30_000);
    assert.equal(sink!.stats.rowsInserted, 12, 'only the new story was inserted');
    assert.equal(sink!.stats.duplicateEventIds, 0, 'the event-id key was not needed: offsets kept it exact');
    assert.equal(sink!.stats.skippedAlreadyStored, 0, 'the fetch started at the stored offsets');
    await stopSink();
    const distinct = await withStore(config.dbPath, (s) => scalar(s, 'SELECT count(DISTINCT event_id) FROM all_events'));
    assert.equal(distinct, produced.length);
    assert.deepEqual(new Set(produced.map((e) => e.event.envelope.eventId)).size, produced.length);
  });

  it('keeps one row for an event id published twice (a vendor retry), within and across batches', async () => {
    const before = produced.length;
    await startSink();
    const [retried, other] = shipmentStory();
    await publish([retried!]);
    await waitFor('first copy', async () => (await rowsWhileRunning()) === before + 1, 30_000);
    await producer.publish([retried!]); // the retry, in a later batch
    await producer.publish([other!, other!]); // and a retry inside one batch
    await waitFor('both retries seen', () => sink!.stats.duplicateEventIds === 2, 30_000);
    produced.push(other!);
    assert.equal(await rowsWhileRunning(), produced.length);
    assert.equal(sink!.stats.rowsInserted, 2);
  });
});
