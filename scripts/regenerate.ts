/**
 * `npm run adapters:regenerate -- --source WMS [--from <ISO time>] [--to <ISO time>]
 *   [--vendor-event-id <id> ...] [--revision <n>] [--execute] [--json]`
 *
 * Rebuilds canonical events from the raw archive with today's mappings, after a mapping bug
 * was fixed. Dry run by default: prints what each archived delivery now maps to. With
 * --execute it publishes the regenerated events (new event ids, revision n, causation = the
 * original event) in receipt order.
 */
import { randomUUID } from 'node:crypto';
import { Command, InvalidArgumentError } from 'commander';
import { Kafka, logLevel } from 'kafkajs';
import { platformConfigFromEnv } from '../services/platform/config/load-config.ts';
import type { TypedEvent } from '../services/platform/events/canonical-event.ts';
import { publishRegenerated, regenerateDelivery, type RegeneratedDelivery } from '../services/platform/ingest/regenerate.ts';
import type { IncomingRecord } from '../services/platform/kafka/kafka-port.ts';
import { createLogger } from '../services/platform/logging/logger.ts';
import { Platform } from '../services/platform/runtime/platform.ts';
import { adapterDefinitions } from './adapter-definitions.ts';

interface Opts {
  source: string;
  from?: Date;
  to?: Date;
  vendorEventId?: string[];
  revision: number;
  execute?: boolean;
  json?: boolean;
}

const time = (v: string) => {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError(`not an ISO time: ${v}`);
  return d;
};
const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number >= 1');
  return n;
};

/** Reads the raw topic from the first record at/after `from` up to the end offsets seen at start. */
async function readArchive(brokers: string[], topic: string, from?: Date): Promise<IncomingRecord[]> {
  const kafka = new Kafka({ brokers, clientId: 'regenerate', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  const starts = from ? await admin.fetchTopicOffsetsByTimestamp(topic, from.getTime()) : ends.map((e) => ({ partition: e.partition, offset: e.low }));
  await admin.disconnect();
  const remaining = new Map(ends.filter((e) => BigInt(e.high) > BigInt(starts.find((s) => s.partition === e.partition)?.offset ?? e.low)).map((e) => [e.partition, BigInt(e.high)]));
  const records: IncomingRecord[] = [];
  if (remaining.size === 0) return records;
  const consumer = kafka.consumer({ groupId: `regenerate-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer.on(consumer.events.CRASH, (e) => reject(e.payload.error));
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        const end = remaining.get(partition);
        if (end === undefined || BigInt(message.offset) >= end) return;
        records.push({ topic, partition, offset: message.offset, timestamp: message.timestamp, key: message.key, value: message.value, headers: (message.headers ?? {}) as IncomingRecord['headers'] });
        if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
        if (remaining.size === 0) resolve();
      },
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      for (const s of starts) if (remaining.has(s.partition)) consumer.seek({ topic, partition: s.partition, offset: s.offset });
    });
  });
  await consumer.disconnect();
  return records;
}

const program = new Command('regenerate')
  .description('rebuild canonical events from the raw archive with the current mappings')
  .requiredOption('--source <kind>', `source kind: ${Object.keys(adapterDefinitions).join(', ')}`)
  .option('--from <time>', 'first receipt time (ISO)', time)
  .option('--to <time>', 'last receipt time (ISO)', time)
  .option('--vendor-event-id <id...>', 'only these vendor deliveries')
  .option('--revision <n>', 'revision number of the regenerated events (new event ids)', positive, 1)
  .option('--execute', 'publish the regenerated events (default: dry run)')
  .option('--json', 'machine-readable output')
  .action(async (opts: Opts) => {
    const def = adapterDefinitions[opts.source.toUpperCase()];
    if (!def) throw new InvalidArgumentError(`unknown source "${opts.source}"; known: ${Object.keys(adapterDefinitions).join(', ')}`);
    const cfg = platformConfigFromEnv(process.env, 'regenerate');
    const platform = Platform.fromConfig(cfg, createLogger('regenerate', 'warn'));
    try {
      const topic = platform.topics.rawArchiveFor(def.sourceKind).name;
      const records = (await readArchive(cfg.kafka.brokers, topic, opts.from)).filter((r) => {
        const received = Number(r.timestamp);
        const vid = r.headers['raw-vendor-event-id']?.toString();
        return (!opts.to || received <= opts.to.getTime()) && (!opts.vendorEventId || (vid !== undefined && opts.vendorEventId.includes(vid)));
      });
      // Receipt order across raw partitions keeps each shipment's events in order.
      records.sort((a, b) => Number(a.timestamp) - Number(b.timestamp));
      const summaries: RegeneratedDelivery[] = [];
      const events: TypedEvent[] = [];
      for (const r of records) {
        const out = regenerateDelivery(r, def.endpoints, opts.revision);
        summaries.push(out.summary);
        events.push(...out.events);
      }
      const published = opts.execute ? await publishRegenerated(await platform.eventProducer(), events) : 0;
      const failed = summaries.filter((s) => s.error).length;
      if (opts.json) {
        console.log(JSON.stringify({ topic, deliveries: summaries.length, events: events.length, failed, published, executed: Boolean(opts.execute), summaries }, null, 2));
      } else {
        for (const s of summaries) {
          const what = s.error ? `ERROR ${s.error.code}: ${s.error.message}` : s.events.map((e) => `${e.eventType} ${e.eventId}`).join(', ');
          console.log(`${s.receivedAt}  ${s.kind.padEnd(18)} ${s.vendorEventId.padEnd(28)} ${what}`);
        }
        console.log(`\n${summaries.length} archived deliveries from ${topic}: ${events.length} events, ${failed} failed to map`);
        console.log(opts.execute ? `published ${published} regenerated events (revision ${opts.revision})` : 'dry run: nothing published (add --execute)');
      }
      if (failed > 0) process.exitCode = 2;
    } finally {
      await platform.close();
    }
  });

program.parseAsync().catch((err: unknown) => {
  console.error(`regenerate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
