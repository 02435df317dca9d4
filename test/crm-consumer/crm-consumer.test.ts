import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { CrmConsumer } from '../../services/crm-consumer/crm-consumer.ts';
import type { CrmConsumerConfig } from '../../services/crm-consumer/crm-consumer-config.ts';
import { deadLetterHeaders } from '../../services/platform/dlq/dead-letter-publisher.ts';
import type { EventProducer } from '../../services/platform/kafka/event-producer.ts';
import type { TopicCatalog } from '../../services/platform/kafka/topic-catalog.ts';
import { Platform } from '../../services/platform/runtime/platform.ts';
import { consumerEvents as ev, newShipment, typed } from '../support/consumer-fixtures.ts';
import { waitForCaughtUp } from '../support/consumer-lag.ts';
import { readTopic } from '../support/kafka-inspect.ts';
import { provision, testLogger, testPlatformConfig, waitFor } from '../support/test-env.ts';
import { DemoCrm } from '../../services/demo-crm/demo-crm.ts';

const platform = testPlatformConfig(undefined, 'crm-e2e');
const hour = 3_600_000;

function consumerConfig(crmBaseUrl: string, overrides: Partial<CrmConsumerConfig> = {}): CrmConsumerConfig {
  return {
    groupId: `crm-${randomUUID().slice(0, 8)}`,
    crmBaseUrl,
    crmTimeoutMs: 5000,
    lateEtaThresholdMs: 2 * hour,
    retryAttempts: 4,
    retryDelayMs: 500,
    host: '127.0.0.1',
    healthPort: -1,
    platform,
    ...overrides,
  };
}

describe('CRM consumer: cases from delivery exceptions and late ETAs, closed on delivery', () => {
  let catalog: TopicCatalog;
  let crm: DemoCrm;
  let consumer: CrmConsumer;
  let producerPlatform: Platform;
  let producer: EventProducer;

  before(async () => {
    catalog = await provision(platform);
    crm = new DemoCrm();
    await crm.start();
    consumer = CrmConsumer.fromConfig(consumerConfig(crm.url), testLogger);
    await consumer.start();
    producerPlatform = Platform.fromConfig(platform, testLogger);
    producer = await producerPlatform.eventProducer();
  });
  after(async () => {
    await consumer.stop();
    await producerPlatform.close();
    await crm.stop();
  });

  it('opens one case per shipment and exception, adds updates to it, and closes every open case on delivery', async () => {
    const s = newShipment();
    const planned = new Date(Date.now() + 24 * hour);
    const plan = ev.ShipmentPlanned(s, planned);
    const weather1 = ev.DeliveryException(s, 'WEATHER_DELAY');
    const weather2 = ev.DeliveryException(s, 'WEATHER_DELAY', {}, { description: 'Hub reopened, backlog', resolutionExpectedAt: new Date('2026-12-01T08:00:00Z') });
    const address = ev.DeliveryException(s, 'ADDRESS_ISSUE', {}, { actionRequired: true, deliveryAttemptNumber: 1, description: null, location: null });
    const onTime = ev.EtaUpdated(s, new Date(planned.getTime() + hour), null);
    const late = ev.EtaUpdated(s, new Date(planned.getTime() + 3 * hour), new Date(planned.getTime() + hour));
    const pod = ev.ProofOfDeliveryReceived(s, new Date('2026-12-02T10:30:00Z'));
    const before = crm.requests.length;
    await producer.publish([
      typed('ShipmentPlanned', plan),
      typed('DeliveryException', weather1),
      typed('DeliveryException', weather2),
      typed('DeliveryException', address),
      typed('EtaUpdated', onTime),
      typed('EtaUpdated', late),
      typed('ProofOfDeliveryReceived', pod),
    ]);
    await waitFor('4 upserts and 3 closes', () => crm.requests.length - before >= 7, 30_000);
    const reqs = crm.requests.slice(before);
    const common = { shipmentId: s.shipmentId, orderId: s.orderId, carrierCode: 'ACME', trackingNumber: s.trackingNumber };
    const berlin = { facilityId: null, city: 'Berlin', subdivisionCode: 'DE-BE', postalCode: '10115', countryCode: 'DE' };
    const exceptionUpdate = (e: typeof weather1) => ({
      eventId: e.envelope.eventId,
      eventType: 'DeliveryException',
      occurredAt: e.envelope.occurredAt.toISOString(),
      reason: e.reason,
      carrierReasonCode: e.carrierReasonCode,
      description: e.description,
      location: e.location,
      deliveryAttemptNumber: e.deliveryAttemptNumber,
      actionRequired: e.actionRequired,
      resolutionExpectedAt: e.resolutionExpectedAt?.toISOString() ?? null,
    });
    const weatherCase = { externalKey: `${s.shipmentId}:WEATHER_DELAY`, type: 'DELIVERY_EXCEPTION', subject: `Delivery exception WEATHER_DELAY for shipment ${s.shipmentId}`, priority: 'NORMAL', ...common };
    assert.deepEqual(reqs.slice(0, 4).map((r) => [r.method, r.path, r.idempotencyKey, r.correlationId]), [
      ['POST', '/api/v1/cases', weather1.envelope.eventId, `corr-${s.orderId}`],
      ['POST', '/api/v1/cases', weather2.envelope.eventId, `corr-${s.orderId}`],
      ['POST', '/api/v1/cases', address.envelope.eventId, `corr-${s.orderId}`],
      ['POST', '/api/v1/cases', late.envelope.eventId, `corr-${s.orderId}`],
    ]);
    assert.deepEqual(reqs[0]!.body, { ...weatherCase, update: exceptionUpdate(weather1) });
    assert.deepEqual((reqs[0]!.body.update as { location: unknown }).location, berlin);
    assert.deepEqual(reqs[1]!.body, { ...weatherCase, update: exceptionUpdate(weather2) });
    assert.deepEqual(reqs[2]!.body, {
      externalKey: `${s.shipmentId}:ADDRESS_ISSUE`,
      type: 'DELIVERY_EXCEPTION',
      subject: `Delivery exception ADDRESS_ISSUE for shipment ${s.shipmentId}`,
      priority: 'HIGH',
      ...common,
      update: exceptionUpdate(address),
    });
    assert.deepEqual(reqs[3]!.body, {
      externalKey: `${s.shipmentId}:LATE_ETA`,
      type: 'LATE_DELIVERY',
      subject: `Late delivery for shipment ${s.shipmentId}`,
      priority: 'NORMAL',
      ...common,
      update: {
        eventId: late.envelope.eventId,
        eventType: 'EtaUpdated',
        occurredAt: late.envelope.occurredAt.toISOString(),
        newEta: late.newEta.toISOString(),
        previousEta: late.previousEta!.toISOString(),
        baseline: planned.toISOString(),
        baselineKind: 'planned-delivery',
        delayMinutes: 180,
        reason: 'WEATHER',
        carrierReasonCode: 'WX',
      },
    });
    // Two exception cases and one late-delivery case: the second weather report went to the first case.
    const caseIds = [...new Set(['WEATHER_DELAY', 'ADDRESS_ISSUE', 'LATE_ETA'].map((k) => [...crm.cases.values()].find((c) => c.externalKey === `${s.shipmentId}:${k}`)!.caseId))];
    assert.equal(caseIds.length, 3);
    assert.equal([...crm.cases.values()].find((c) => c.externalKey === `${s.shipmentId}:WEATHER_DELAY`)!.updates.length, 2);
    const closes = reqs.slice(4);
    assert.deepEqual(closes.map((r) => r.path).sort(), caseIds.map((id) => `/api/v1/cases/${id}/close`).sort());
    for (const r of closes) {
      const caseId = r.path.split('/')[4];
      assert.equal(r.idempotencyKey, `${pod.envelope.eventId}:${caseId}`);
      assert.deepEqual(r.body, { resolution: 'DELIVERED', closedAt: '2026-12-02T10:30:00.000Z', eventId: pod.envelope.eventId, podReference: `POD-${s.shipmentId}`, signatureCaptured: true, exceptionsNoted: false });
    }
    for (const id of caseIds) assert.equal(crm.cases.get(id)!.status, 'CLOSED');
    // The consumer records a close after the CRM confirmed it: wait for the last one to land.
    const remembered = await waitFor('every case recorded as closed', async () => {
      const cases = await consumer.cases!.casesOf(s.shipmentId);
      return cases.every((c) => c.status === 'closed') ? cases : undefined;
    }, 10_000);
    assert.deepEqual(remembered.map((c) => [c.caseKey, c.status]), [
      [`${s.shipmentId}:ADDRESS_ISSUE`, 'closed'],
      [`${s.shipmentId}:LATE_ETA`, 'closed'],
      [`${s.shipmentId}:WEATHER_DELAY`, 'closed'],
    ]);
  });

  it('judges an unplanned shipment\'s ETA against the previous ETA', async () => {
    const s = newShipment();
    const previous = new Date(Date.now() + 24 * hour);
    const exactlyTwoHours = ev.EtaUpdated(s, new Date(previous.getTime() + 2 * hour), previous);
    const later = ev.EtaUpdated(s, new Date(previous.getTime() + 2.5 * hour), previous);
    const before = crm.requests.length;
    await producer.publish([typed('EtaUpdated', exactlyTwoHours), typed('EtaUpdated', later)]);
    const req = await waitFor('late ETA case', () => crm.requests.slice(before).find((r) => r.idempotencyKey === later.envelope.eventId), 20_000);
    assert.equal(crm.requests.slice(before).length, 1, 'exactly 2 h later is not late');
    assert.deepEqual((req.body.update as Record<string, unknown>).baselineKind, 'previous-eta');
    assert.deepEqual((req.body.update as Record<string, unknown>).baseline, previous.toISOString());
    assert.deepEqual((req.body.update as Record<string, unknown>).delayMinutes, 150);
  });

  it('retries a CRM answering 503 and opens the case exactly once when it recovers', async () => {
    const s = newShipment();
    const e = ev.DeliveryException(s, 'CARRIER_DELAY');
    crm.failNext(2, 503);
    await producer.publish([typed('DeliveryException', e)]);
    await waitFor('case opened', () => [...crm.cases.values()].find((c) => c.externalKey === `${s.shipmentId}:CARRIER_DELAY`), 30_000);
    const calls = crm.requests.filter((r) => r.idempotencyKey === e.envelope.eventId);
    assert.equal(calls.length, 3, 'two failures, then the call that worked');
    assert.equal(calls.filter((r) => r.effective).length, 1);
  });

  it('dead-letters a poison record and keeps processing the records behind it', async () => {
    const s = newShipment();
    const kafka = new Kafka({ brokers: platform.kafka.brokers, clientId: 'crm-poison', logLevel: logLevel.NOTHING });
    const raw = kafka.producer();
    await raw.connect();
    // Unknown schema id 999999 behind a valid magic byte: decodable framing, no such schema.
    const poison = Buffer.concat([Buffer.from([0, 0, 0x0f, 0x42, 0x3f]), Buffer.from('junk')]);
    await raw.send({ topic: catalog.lifecycle.name, messages: [{ key: s.shipmentId, value: poison }] });
    await raw.disconnect();
    const behind = ev.DeliveryException(s, 'DAMAGED');
    await producer.publish([typed('DeliveryException', behind)]);
    await waitFor('case behind the poison record', () => crm.requests.find((r) => r.idempotencyKey === behind.envelope.eventId), 30_000);
    const dead = (await readTopic(platform.kafka.brokers, catalog.deadLetter.name, 1)).find((r) => r.key === s.shipmentId)!;
    assert.deepEqual(dead.value, poison);
    assert.equal(dead.headers[deadLetterHeaders.consumer], 'crm-consumer');
    assert.equal(dead.headers[deadLetterHeaders.originalTopic], catalog.lifecycle.name);
    assert.equal(dead.headers[deadLetterHeaders.errorCode], 'UNKNOWN_SCHEMA_ID');
  });

  it('makes no second CRM call when the records are delivered again (new group, same consumer name, from the beginning)', async () => {
    await consumer.stop();
    const callsBefore = crm.requests.length;
    const effectiveBefore = crm.effective().length;
    const config = consumerConfig(crm.url);
    const again = CrmConsumer.fromConfig(config, testLogger);
    await again.start();
    try {
      const sentinel = ev.DeliveryException(newShipment(), 'LOST');
      await producer.publish([typed('DeliveryException', sentinel)]);
      await waitFor('sentinel case', () => crm.requests.find((r) => r.idempotencyKey === sentinel.envelope.eventId), 30_000);
      await waitForCaughtUp(platform, config.groupId, catalog.lifecycle.name);
      assert.equal(crm.requests.length, callsBefore + 1, 'only the new event reached the CRM');
      assert.equal(crm.effective().length, effectiveBefore + 1);
    } finally {
      await again.stop();
      // The suite's after() stops `consumer` again; stopping twice is harmless.
    }
  });
});
