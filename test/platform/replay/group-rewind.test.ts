import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import type { TopicCatalog } from '../../../services/platform/kafka/topic-catalog.ts';
import { auditList, rewindCommand } from '../../../services/platform/replay/replay-commands.ts';
import type { ReplayToolkit } from '../../../services/platform/replay/replay-toolkit.ts';
import { Platform } from '../../../services/platform/runtime/platform.ts';
import { consumerEvents, newShipment, typed } from '../../support/consumer-fixtures.ts';
import { pickCompletedEvent } from '../../support/fixtures.ts';
import { outageErp, openToolkit } from '../../support/replay.ts';
import { provision, testLogger, testPlatformConfig, waitFor } from '../../support/test-env.ts';

describe('rewinding a consumer group', () => {
  const cfg = testPlatformConfig(undefined, 'replay-rewind');
  const kafka = new Kafka({ brokers: cfg.kafka.brokers, clientId: 'test-rewind', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const group = `rewind-${randomUUID().slice(0, 8)}`;
  let catalog: TopicCatalog;
  let topic: string;
  let tk: ReplayToolkit;
  let erp: Awaited<ReturnType<typeof outageErp>>;
  const marks: Date[] = [];
  before(async () => {
    catalog = await provision(cfg);
    topic = catalog.lifecycle.name;
    erp = await outageErp();
    tk = await openToolkit(cfg, erp.url);
    await admin.connect();
    const platform = Platform.fromConfig(cfg, testLogger);
    const producer = await platform.eventProducer();
    // Three bursts a little apart, so timestamps split them.
    for (let burst = 0; burst < 3; burst++) {
      marks.push(new Date());
      const events = Array.from({ length: 4 }, () => newShipment()).flatMap((s) => [typed('PickCompleted', pickCompletedEvent(s.shipmentId)), typed('ShipmentDispatched', consumerEvents.ShipmentDispatched(s))]);
      for (const e of events) await producer.publish([e]);
      await sleep(50);
    }
    await platform.close();
    // The group has read everything: its committed offsets are at the end.
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({ groupId: group, topic, partitions: ends.map((e) => ({ partition: e.partition, offset: e.offset })) });
  });
  after(async () => {
    await tk?.close();
    await admin.disconnect();
    await erp?.close();
  });

  it('by timestamp: the dry run targets exactly the offsets Kafka\'s offsetsForTimes gives, and counts the records between', async () => {
    const at = marks[1]!;
    const { executed, plan } = await rewindCommand(tk, { group, topic, toDatetime: at.toISOString(), actor: 'test' });
    assert.equal(executed, false);
    const kafkaOffsets = await admin.fetchTopicOffsetsByTimestamp(topic, at.getTime());
    assert.deepEqual(
      plan.partitions.map((p) => [p.partition, p.target]),
      kafkaOffsets.map((o) => [o.partition, o.offset]).sort((x, y) => Number(x[0]) - Number(y[0])),
    );
    const records = plan.partitions.reduce((n, p) => n + p.records, 0);
    assert.equal(records, 16, 'bursts two and three lie between');
    const types = plan.partitions.reduce((acc, p) => {
      for (const [t, n] of Object.entries(p.eventTypes)) acc[t] = (acc[t] ?? 0) + n;
      return acc;
    }, {} as Record<string, number>);
    assert.deepEqual(types, { PickCompleted: 8, ShipmentDispatched: 8 });
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    const ends = await admin.fetchTopicOffsets(topic);
    assert.deepEqual(committed!.partitions.map((p) => p.offset).sort(), ends.map((e) => e.offset).sort(), 'a dry run changes nothing');
  });

  it('--execute moves the committed offsets there, and the audit log records who did it', async () => {
    const at = marks[2]!;
    const { plan } = await rewindCommand(tk, { group, topic, toDatetime: at.toISOString(), execute: true, actor: 'alice' });
    const kafkaOffsets = await admin.fetchTopicOffsetsByTimestamp(topic, at.getTime());
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    for (const o of kafkaOffsets) assert.equal(committed!.partitions.find((p) => p.partition === o.partition)?.offset, o.offset);
    assert.equal(plan.partitions.reduce((n, p) => n + p.records, 0), 8);
    const audit = await auditList(tk, 'rewind');
    assert.equal(audit.at(-1)?.actor, 'alice');
    assert.equal(audit.at(-1)?.outcome, 'executed');
    assert.equal(audit.at(-1)?.what.groupId, group);
  });

  it('shift-by and to-earliest clamp to what the partition holds', async () => {
    const { plan } = await rewindCommand(tk, { group, topic, shiftBy: '-1000', actor: 'test' });
    assert.ok(plan.partitions.every((p) => p.target === '0'));
    assert.ok(plan.partitions.some((p) => p.clamped));
    const earliest = await rewindCommand(tk, { group, topic, toEarliest: true, partitions: [0, 1], actor: 'test' });
    assert.deepEqual(earliest.plan.partitions.map((p) => p.partition), [0, 1]);
  });

  it('refuses while the group has active members, naming them', async () => {
    const member = kafka.consumer({ groupId: group });
    await member.connect();
    await member.subscribe({ topic });
    await member.run({ eachMessage: async () => sleep(10_000) });
    try {
      await waitFor('member joined', async () => (await admin.describeGroups([group])).groups[0]?.state === 'Stable', 20_000);
      await assert.rejects(rewindCommand(tk, { group, topic, toEarliest: true, execute: true, actor: 'bob' }), (e: Error & { code?: string }) => e.code === 'GROUP_ACTIVE' && /active member/.test(e.message));
      assert.equal((await auditList(tk, 'rewind')).at(-1)?.outcome, 'refused');
    } finally {
      await member.disconnect();
    }
  });

  it('gives clear errors for unknown groups and topics, times outside retention and bad arguments', async () => {
    const codeOf = async (p: Promise<unknown>) => p.then(() => 'no error', (e: { code?: string }) => e.code);
    assert.equal(await codeOf(rewindCommand(tk, { group: 'no-such-group-xyz', topic, toEarliest: true, actor: 't' })), 'UNKNOWN_GROUP');
    assert.equal(await codeOf(rewindCommand(tk, { group, topic: 'no.such.topic', toEarliest: true, actor: 't' })), 'UNKNOWN_TOPIC');
    assert.equal(await codeOf(rewindCommand(tk, { group, topic, toDatetime: '2020-01-01T00:00:00Z', actor: 't' })), 'OUTSIDE_RETENTION');
    assert.equal(await codeOf(rewindCommand(tk, { group, topic, toDatetime: 'yesterday', actor: 't' })), 'BAD_ARGUMENT');
    assert.equal(await codeOf(rewindCommand(tk, { group, topic, byDuration: 'PT', actor: 't' })), 'BAD_ARGUMENT');
    assert.equal(await codeOf(rewindCommand(tk, { group, topic, toEarliest: true, toLatest: true, actor: 't' })), 'BAD_ARGUMENT');
    assert.equal(await codeOf(rewindCommand(tk, { group, topic, toEarliest: true, partitions: [42], actor: 't' })), 'BAD_ARGUMENT');
  });
});
