import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { pino } from 'pino';
import { LocalStack } from '../../scripts/stack/local-stack.ts';
import type { OutgoingRecord, RecordPosition } from '../../services/platform/kafka/kafka-port.ts';
import { KafkajsClientFactory } from '../../services/platform/kafka/kafkajs-client.ts';
import { murmur2Partition } from '../../services/platform/kafka/murmur2-partitioner.ts';
import { readTopic } from '../support/kafka-inspect.ts';
import { uniquePrefix, waitFor } from '../support/test-env.ts';

const PARTITIONS = 6;
const WORKERS = 16;

/**
 * The producer port under many concurrent sends while a leader's node is SIGKILLed and comes
 * back: the pattern in which kafkajs's idempotent producer, called concurrently, reused
 * sequence numbers and had the broker acknowledge records it never wrote. Every record the
 * port acknowledged must be in the topic, at the position the port reported, and no record
 * may be there twice.
 */
describe('fault: concurrent sends through the producer port while a leader is killed', { timeout: 300_000 }, () => {
  const stack = new LocalStack(undefined, () => undefined);
  // Whatever happens, the next fault test finds every node running.
  after(() => stack.start());

  it('loses no acknowledged record and writes none twice', async () => {
    const brokers = stack.endpoints.kafkaBrokers.split(',');
    assert.ok(brokers.length >= 3, 'runs on the three-node fault stack');
    // The port's own warnings, to report how often it sent records again and why.
    const resent: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void (line.includes('sending the same records again') && resent.push(JSON.parse(line).err)) });
    const factory = new KafkajsClientFactory({ brokers, clientId: 'leader-kill', logger });
    const admin = factory.admin();
    await admin.connect();
    const topic = `${uniquePrefix()}leader-kill`;
    await admin.createTopics([{ name: topic, partitions: PARTITIONS, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } }]);
    await admin.disconnect();

    const producer = factory.producer();
    await producer.connect();
    const acked = new Map<string, RecordPosition>();
    let failed = 0;
    let stop = false;
    const worker = async (w: number) => {
      for (let seq = 0; !stop; ) {
        const records: OutgoingRecord[] = Array.from({ length: 1 + (seq % 4) }, () => {
          const key = `w${w}-${seq++}`;
          return { key, value: Buffer.from(`value of ${key}`), partition: murmur2Partition(key, PARTITIONS) };
        });
        try {
          const positions = await producer.send(topic, records);
          records.forEach((r, i) => acked.set(String(r.key), positions[i]!));
        } catch {
          failed += records.length;
          await sleep(100);
        }
      }
    };
    const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));

    const raw = new Kafka({ brokers, clientId: 'leader-kill-meta', logLevel: logLevel.NOTHING });
    const meta = raw.admin();
    await meta.connect();
    try {
      await sleep(3000);
      const leader = (await meta.fetchTopicMetadata({ topics: [topic] })).topics[0]!.partitions.find((p) => p.partitionId === 0)!.leader;
      const beforeKill = acked.size;
      const killedAt = Date.now();
      await stack.stopComponent(`kafka-${leader}`, 'SIGKILL');
      await waitFor('writes going on without the killed node', () => acked.size > beforeKill + 500, 90_000);
      const stall = Date.now() - killedAt;
      await stack.start();
      const restartedAt = acked.size;
      await waitFor('writes going on after the node is back', () => acked.size > restartedAt + 500, 90_000);
      stop = true;
      await Promise.all(workers);
      await producer.disconnect();
      assert.ok(beforeKill > 100, `writes before the kill (${beforeKill})`);

      const ends = await meta.fetchTopicOffsets(topic);
      const total = ends.reduce((n, p) => n + Number(p.offset), 0);
      const read = await readTopic(brokers, topic, total, 60_000);
      const at = new Map(read.map((r) => [`${r.partition}/${r.offset}`, r.key]));
      const copies = new Map<string, number>();
      for (const r of read) copies.set(String(r.key), (copies.get(String(r.key)) ?? 0) + 1);
      const missing = [...acked].filter(([key, p]) => at.get(`${p.partition}/${p.offset}`) !== key);
      const twice = [...copies].filter(([, n]) => n > 1);
      console.log(`# [faults] leader ${leader} SIGKILLed under ${WORKERS} concurrent senders (500 more acknowledged ${stall} ms after the kill): ${acked.size} acknowledged, ${failed} failed (retriable, not acknowledged), ${total} in the topic, ${missing.length} missing, ${twice.length} written twice; the port sent calls again ${resent.length} times, ${resent.filter((m) => m.includes('without these partitions')).length} of them for partitions an answer left out`);
      if (missing.length > 0) {
        const claimed = new Map<string, string[]>();
        for (const [key, p] of acked) claimed.set(`${p.partition}/${p.offset}`, [...(claimed.get(`${p.partition}/${p.offset}`) ?? []), key]);
        const shared = [...claimed].filter(([, keys]) => keys.length > 1);
        console.log(`# missing: ${JSON.stringify(missing.slice(0, 12).map(([k, p]) => [k, `${p.partition}/${p.offset}`, at.get(`${p.partition}/${p.offset}`)]))}`);
        console.log(`# positions claimed by more than one acknowledged record: ${shared.length} ${JSON.stringify(shared.slice(0, 6))}`);
      }
      assert.deepEqual(missing.slice(0, 5), [], `${missing.length} acknowledged records are not where the port said`);
      assert.deepEqual(twice.slice(0, 5), [], `${twice.length} records written twice`);
    } finally {
      stop = true;
      await meta.disconnect();
    }
  });
});
