import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import type { NotificationConfig } from '../../services/notification-service/notification-config.ts';
import { NotificationService } from '../../services/notification-service/notification-service.ts';
import { generateWebhookSecret } from '../../services/notification-service/preferences-cli.ts';
import { deadLetterHeaders } from '../../services/platform/dlq/dead-letter-publisher.ts';
import type { EventProducer } from '../../services/platform/kafka/event-producer.ts';
import type { TopicCatalog } from '../../services/platform/kafka/topic-catalog.ts';
import { Platform } from '../../services/platform/runtime/platform.ts';
import { berlin, consumerEvents as ev, hamburgDc, newShipment, typed, type TestShipment } from '../support/consumer-fixtures.ts';
import { waitForCaughtUp } from '../support/consumer-lag.ts';
import { readTopic } from '../support/kafka-inspect.ts';
import { provision, testLogger, testPlatformConfig, waitFor } from '../support/test-env.ts';
import { DemoMailbox } from '../../services/demo-mailbox/demo-mailbox.ts';
import { WebhookReceiver } from './webhook-receiver.ts';

const platform = testPlatformConfig(undefined, 'notify-e2e');
const hour = 3_600_000;
const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const footer = (s: TestShipment) => `\n--\nThis is an automated message about shipment ${s.shipmentId}. Tracking number: ${s.trackingNumber}. Please do not reply.\n`;
const all = ['dispatched', 'delayed', 'out_for_delivery', 'delivered'] as const;

describe('notification service: signed webhooks and e-mail, once per event, old events held back', () => {
  let catalog: TopicCatalog;
  let smtp: DemoMailbox;
  let hooks: WebhookReceiver;
  const secret = generateWebhookSecret();
  let service: NotificationService;
  let config: NotificationConfig;
  let producerPlatform: Platform;
  let producer: EventProducer;
  /** The event whose e-mail was refused for good (dead-lettered): a replay may still mail it, once. */
  let refusedEventId = '';

  const serviceConfig = (): NotificationConfig => ({
    groupId: `notify-${randomUUID().slice(0, 8)}`,
    smtpUrl: smtp.url,
    mailFrom: 'Shipment updates <notifications@backbone.test>',
    maxEventAgeMs: 6 * hour,
    lateEtaThresholdMs: 2 * hour,
    webhookTimeoutMs: 5000,
    webhookAttempts: 5,
    webhookBackoffMs: 100,
    retryAttempts: 3,
    retryDelayMs: 500,
    host: '127.0.0.1',
    healthPort: -1,
    platform,
  });

  /** A customer with preferences and a shipment planned for them (plan and order already consumed). */
  async function customer(prefs: { channels: Array<'email' | 'webhook'>; kinds?: Array<(typeof all)[number]> }, plannedInHours = 24): Promise<{ s: TestShipment; email: string; planned: Date }> {
    const s = newShipment();
    const email = `buyer.${s.customerId.toLowerCase()}@example.com`;
    await service.preferences!.put({ customerId: s.customerId, channels: prefs.channels, kinds: prefs.kinds ?? [...all], email, webhookUrl: hooks.url, webhookSecret: secret });
    const planned = new Date(Date.now() + plannedInHours * hour);
    await producer.publish([typed('OrderReleased', ev.OrderReleased(s)), typed('ShipmentPlanned', ev.ShipmentPlanned(s, planned))]);
    return { s, email, planned };
  }

  before(async () => {
    catalog = await provision(platform);
    smtp = new DemoMailbox();
    await smtp.start();
    hooks = new WebhookReceiver(secret);
    await hooks.start();
    config = serviceConfig();
    service = NotificationService.fromConfig(config, testLogger);
    await service.start();
    producerPlatform = Platform.fromConfig(platform, testLogger);
    producer = await producerPlatform.eventProducer();
  });
  after(async () => {
    await service.stop();
    await producerPlatform.close();
    await hooks.stop();
    await smtp.stop();
  });

  it('sends dispatch, delay (exception and late ETA), out-for-delivery and delivery notifications on both channels', async () => {
    const { s, email, planned } = await customer({ channels: ['email', 'webhook'] });
    const dispatched = ev.ShipmentDispatched(s);
    const departed = ev.InTransit(s, 'DEPARTED_FACILITY');
    const onTime = ev.EtaUpdated(s, new Date(planned.getTime() + hour), null);
    const exception = ev.DeliveryException(s, 'WEATHER_DELAY', {}, { resolutionExpectedAt: new Date('2026-12-01T08:00:00Z') });
    const late = ev.EtaUpdated(s, new Date(planned.getTime() + 3 * hour), new Date(planned.getTime() + hour));
    const outForDelivery = ev.InTransit(s, 'OUT_FOR_DELIVERY');
    const delivered = ev.ProofOfDeliveryReceived(s, new Date(Date.now() - 30_000));
    await producer.publish([
      typed('ShipmentDispatched', dispatched),
      typed('InTransit', departed),
      typed('EtaUpdated', onTime),
      typed('DeliveryException', exception),
      typed('EtaUpdated', late),
      typed('InTransit', outForDelivery),
      typed('ProofOfDeliveryReceived', delivered),
    ]);
    const notified = [dispatched, exception, late, outForDelivery, delivered];
    await waitFor('5 mails and 5 webhooks', () => notified.every((e) => smtp.withMessageId(`<notification.${e.envelope.eventId}@backbone.test>`).length === 1 && hooks.acceptedFor(e.envelope.eventId).length === 1), 30_000);
    const mailOf = (e: { envelope: { eventId: string } }) => smtp.withMessageId(`<notification.${e.envelope.eventId}@backbone.test>`)[0]!;
    const ref = `${s.shipmentId} (order ${s.orderId})`;

    const m = mailOf(dispatched);
    assert.deepEqual(m, {
      mailFrom: 'notifications@backbone.test',
      rcptTo: [email],
      from: '"Shipment updates" <notifications@backbone.test>',
      to: email,
      subject: `Your shipment ${s.shipmentId} is on its way`,
      text: `Your shipment ${ref} left Hamburg, DE on ${utc(dispatched.envelope.occurredAt)} with carrier ACME.\nPackages: 2\nTracking: ${s.trackingNumber}\n${footer(s)}`,
      messageId: `<notification.${dispatched.envelope.eventId}@backbone.test>`,
      autoSubmitted: 'auto-generated',
    });
    assert.deepEqual([mailOf(exception).subject, mailOf(exception).text], [
      `Your shipment ${s.shipmentId} is delayed`,
      `The carrier reported a delay of your shipment ${ref} because of weather conditions.\nCarrier note: Storm closed the hub\nThe carrier expects to resolve it by 2026-12-01 08:00 UTC.\n${footer(s)}`,
    ]);
    assert.deepEqual([mailOf(late).subject, mailOf(late).text], [
      `Your shipment ${s.shipmentId} is delayed`,
      `The expected delivery of your shipment ${ref} is now ${utc(late.newEta)}, 3 h later than planned.\n${footer(s)}`,
    ]);
    assert.deepEqual([mailOf(outForDelivery).subject, mailOf(outForDelivery).text], [
      `Your shipment ${s.shipmentId} is out for delivery`,
      `Your shipment ${ref} is out for delivery in Berlin, DE since ${utc(outForDelivery.envelope.occurredAt)}.\n${footer(s)}`,
    ]);
    assert.deepEqual([mailOf(delivered).subject, mailOf(delivered).text], [
      `Your shipment ${s.shipmentId} has been delivered`,
      `Your shipment ${ref} was delivered on ${utc(delivered.deliveredAt)} in Berlin, DE.\n${footer(s)}`,
    ]);

    const common = (e: { envelope: { eventId: string } }) => ({ eventId: e.envelope.eventId, customerId: s.customerId, shipmentId: s.shipmentId, orderId: s.orderId, carrierCode: 'ACME', trackingNumber: s.trackingNumber });
    const hook = (e: { envelope: { eventId: string } }) => hooks.acceptedFor(e.envelope.eventId)[0]!;
    assert.equal(hook(dispatched).webhookId, `msg_${dispatched.envelope.eventId}`);
    assert.deepEqual(hook(dispatched).body, {
      type: 'shipment.dispatched',
      timestamp: dispatched.envelope.occurredAt.toISOString(),
      data: { ...common(dispatched), dispatchedFrom: hamburgDc, packageCount: 2, trackingNumbers: [s.trackingNumber] },
    });
    assert.deepEqual(hook(exception).body, {
      type: 'shipment.delayed',
      timestamp: exception.envelope.occurredAt.toISOString(),
      data: { ...common(exception), cause: 'DELIVERY_EXCEPTION', reason: 'WEATHER_DELAY', description: 'Storm closed the hub', actionRequired: false, resolutionExpectedAt: '2026-12-01T08:00:00.000Z' },
    });
    assert.deepEqual(hook(late).body, {
      type: 'shipment.delayed',
      timestamp: late.envelope.occurredAt.toISOString(),
      data: { ...common(late), cause: 'LATE_ETA', newEta: late.newEta.toISOString(), previousEta: late.previousEta!.toISOString(), delayMinutes: 180, comparedWith: 'planned-delivery' },
    });
    assert.deepEqual(hook(outForDelivery).body, { type: 'shipment.out_for_delivery', timestamp: outForDelivery.envelope.occurredAt.toISOString(), data: { ...common(outForDelivery), location: berlin } });
    assert.deepEqual(hook(delivered).body, {
      type: 'shipment.delivered',
      timestamp: delivered.envelope.occurredAt.toISOString(),
      data: { ...common(delivered), deliveredAt: delivered.deliveredAt.toISOString(), location: berlin, signatureCaptured: true, piecesDelivered: 2 },
    });
    // Nothing for the other scan and the on-time ETA; no attempt was refused for its signature.
    for (const quiet of [departed, onTime]) assert.deepEqual(await service.log!.forEvent(quiet.envelope.eventId), []);
    assert.equal(hooks.attempts.filter((a) => a.status === 401).length, 0);
    const logged = await service.log!.forEvent(dispatched.envelope.eventId);
    assert.deepEqual(logged.map((l) => [l.channel, l.status, l.customerId]), [['email', 'sent', s.customerId], ['webhook', 'sent', s.customerId]]);
    assert.equal(logged[0]!.detail!.recipient, `b***@example.com`, 'the log keeps the address masked');
  });

  it('sends only the kinds and channels a customer chose, and skips customers it cannot find', async () => {
    const { s, email } = await customer({ channels: ['email'], kinds: ['delivered'] });
    const dispatched = ev.ShipmentDispatched(s);
    const delivered = ev.ProofOfDeliveryReceived(s, new Date());
    const stranger = newShipment();
    const unknown = ev.ShipmentDispatched(stranger);
    await producer.publish([typed('ShipmentDispatched', dispatched), typed('ProofOfDeliveryReceived', delivered), typed('ShipmentDispatched', unknown)]);
    await waitFor('delivery mail', () => smtp.withMessageId(`<notification.${delivered.envelope.eventId}@backbone.test>`)[0], 30_000);
    await waitFor('unknown customer logged', async () => (await service.log!.forEvent(unknown.envelope.eventId)).length === 1, 10_000);
    assert.deepEqual(smtp.withMessageId(`<notification.${delivered.envelope.eventId}@backbone.test>`)[0]!.rcptTo, [email]);
    assert.equal(hooks.acceptedFor(delivered.envelope.eventId).length, 0, 'no webhook channel chosen');
    assert.equal(smtp.withMessageId(`<notification.${dispatched.envelope.eventId}@backbone.test>`).length, 0);
    const [skipped] = await service.log!.forEvent(dispatched.envelope.eventId);
    assert.deepEqual([skipped!.channel, skipped!.status, skipped!.reason], ['none', 'skipped', 'the customer does not want "dispatched" notifications']);
    const [lost] = await service.log!.forEvent(unknown.envelope.eventId);
    assert.deepEqual([lost!.status, lost!.customerId], ['skipped', null]);
    assert.match(lost!.reason!, /no customer known for the shipment/);
  });

  it('holds back notifications of events older than the maximum age, and records why', async () => {
    const { s } = await customer({ channels: ['email', 'webhook'] });
    const old = ev.ShipmentDispatched(s, { occurredAt: new Date(Date.now() - 7 * hour) });
    const fresh = ev.InTransit(s, 'OUT_FOR_DELIVERY');
    await producer.publish([typed('ShipmentDispatched', old), typed('InTransit', fresh)]);
    await waitFor('fresh notification sent', () => hooks.acceptedFor(fresh.envelope.eventId).length === 1, 30_000);
    const held = await service.log!.forEvent(old.envelope.eventId);
    assert.deepEqual(held.map((h) => [h.channel, h.status]), [['email', 'held'], ['webhook', 'held']]);
    assert.match(held[0]!.reason!, /^event is 7h(0m)?\d*s? old, older than the 6h limit \(NOTIFICATION_MAX_EVENT_AGE\): held back during catch-up or replay$/);
    assert.equal(smtp.withMessageId(`<notification.${old.envelope.eventId}@backbone.test>`).length, 0);
    assert.equal(hooks.attempts.filter((a) => (a.body.data as { eventId: string }).eventId === old.envelope.eventId).length, 0);
  });

  it('delivers a webhook exactly once to an endpoint that answered 500 three times, with one webhook id throughout', async () => {
    const { s } = await customer({ channels: ['webhook'] });
    const e = ev.ShipmentDispatched(s);
    hooks.failNext(3, 500);
    await producer.publish([typed('ShipmentDispatched', e)]);
    await waitFor('accepted delivery', () => hooks.acceptedFor(e.envelope.eventId).length === 1, 30_000);
    const tries = hooks.attempts.filter((a) => (a.body.data as { eventId: string }).eventId === e.envelope.eventId);
    assert.deepEqual(tries.map((t) => t.status), [500, 500, 500, 204]);
    assert.deepEqual(new Set(tries.map((t) => t.webhookId)), new Set([`msg_${e.envelope.eventId}`]));
    // The service logs a send after the receiver accepted it: wait for the row.
    const [logged] = await waitFor('the send logged', async () => {
      const rows = await service.log!.forEvent(e.envelope.eventId);
      return rows[0]?.status === 'sent' ? rows : undefined;
    }, 10_000);
    assert.deepEqual([logged!.status, logged!.detail!.attempts], ['sent', 4]);
  });

  it('re-sends only the failed channel: a mail refused with 451 is sent again, the webhook is not', async () => {
    const { s } = await customer({ channels: ['email', 'webhook'] });
    const e = ev.DeliveryException(s, 'CARRIER_DELAY');
    smtp.rejectNext(1, 451);
    await producer.publish([typed('DeliveryException', e)]);
    await waitFor('mail after the refusal', () => smtp.withMessageId(`<notification.${e.envelope.eventId}@backbone.test>`).length === 1, 30_000);
    assert.equal(smtp.rejected >= 1, true);
    assert.equal(hooks.attempts.filter((a) => (a.body.data as { eventId: string }).eventId === e.envelope.eventId).length, 1, 'one webhook request in all');
    const logged = await waitFor('both channels logged as sent', async () => {
      const rows = await service.log!.forEvent(e.envelope.eventId);
      return rows.length === 2 && rows.every((r) => r.status === 'sent') ? rows : undefined;
    }, 10_000);
    assert.deepEqual(logged.map((l) => [l.channel, l.status]), [['email', 'sent'], ['webhook', 'sent']]);
  });

  it('dead-letters a poison record and an event whose address is refused for good, and keeps going', async () => {
    const { s } = await customer({ channels: ['webhook', 'email'] });
    const kafka = new Kafka({ brokers: platform.kafka.brokers, clientId: 'notify-poison', logLevel: logLevel.NOTHING });
    const raw = kafka.producer();
    await raw.connect();
    await raw.send({ topic: catalog.lifecycle.name, messages: [{ key: s.shipmentId, value: Buffer.from('not avro at all') }] });
    await raw.disconnect();
    const refused = ev.ShipmentDispatched(s);
    refusedEventId = refused.envelope.eventId;
    smtp.rejectNext(1, 550);
    const behind = ev.ProofOfDeliveryReceived(s, new Date());
    await producer.publish([typed('ShipmentDispatched', refused), typed('ProofOfDeliveryReceived', behind)]);
    await waitFor('notification behind them', () => smtp.withMessageId(`<notification.${behind.envelope.eventId}@backbone.test>`).length === 1, 30_000);
    const dead = (await readTopic(platform.kafka.brokers, catalog.deadLetter.name, 2)).filter((r) => r.key === s.shipmentId);
    assert.deepEqual(dead.map((d) => d.headers[deadLetterHeaders.errorCode]), ['BAD_MAGIC_BYTE', 'SMTP_REJECTED']);
    assert.doesNotMatch(dead[1]!.headers[deadLetterHeaders.errorMessage]!, /buyer\./, 'no full address in the dead letter');
    assert.deepEqual(new Set(dead.map((d) => d.headers[deadLetterHeaders.consumer])), new Set(['notification-service']));
    assert.equal(hooks.acceptedFor(refused.envelope.eventId).length, 1, 'the webhook of the dead-lettered event went out once');
  });

  it('sends nothing again when every record is delivered again (new group, same consumer name, from the beginning)', async () => {
    await service.stop();
    const mails = smtp.mails.length;
    const webhooks = hooks.attempts.length;
    const again = serviceConfig();
    const replayer = NotificationService.fromConfig(again, testLogger);
    await replayer.start();
    try {
      await waitForCaughtUp(platform, again.groupId, catalog.lifecycle.name);
      // The dead-lettered event never got its e-mail, so the replay may send that one, once; nothing else.
      const newMails = smtp.mails.slice(mails).map((m) => m.messageId);
      assert.deepEqual(newMails.filter((id) => id !== `<notification.${refusedEventId}@backbone.test>`), [], 'no mail sent twice');
      assert.equal(hooks.attempts.length, webhooks, 'no webhook sent twice');
      const ids = smtp.mails.map((m) => m.messageId);
      assert.equal(new Set(ids).size, ids.length, 'every Message-ID once');
    } finally {
      await replayer.stop();
    }
  });
});
