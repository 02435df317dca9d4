import { randomUUID } from 'node:crypto';
import type { AvroEventCodec } from '../codec/avro-codec.ts';
import type { EffectLedger } from '../dedup/effect-ledger.ts';
import type { BackboneError } from '../errors/backbone-error.ts';
import type { AdminPort, IncomingRecord, ProducerPort } from '../kafka/kafka-port.ts';
import { murmur2Partition } from '../kafka/murmur2-partitioner.ts';
import { RecordHandler } from '../kafka/record-handler.ts';
import type { Logger } from '../logging/logger.ts';
import { RetriesExhausted, withRetry } from '../retry/retry-policy.ts';
import type { StateStore } from '../state/state-store.ts';
import type { AuditLog } from './audit-log.ts';
import type { ConsumerHandlerSet } from './consumer-definition.ts';
import { redrivenFromHeader, type DeadLetterEntry } from './dead-letter-inbox.ts';

const ddl = `
create table if not exists dlq_redrives (
  dlq_topic   text        not null,
  partition   int         not null,
  "offset"    text        not null,
  redrive_id  text        not null,
  target      text        not null,
  redriven_at timestamptz not null default now(),
  primary key (dlq_topic, partition, "offset")
);`;

/** What happened to each selected dead letter. */
export interface RedriveReport {
  redriveId: string;
  target: 'topic' | 'consumer';
  /** Entries republished or handled now. */
  redriven: string[];
  /** The consumer found the effect already done (effect ledger). */
  alreadyDone: string[];
  /** Still undecodable with today's schemas: left in the dead-letter topic. */
  invalid: string[];
  /** Redriven before (use `again` to redrive them once more). */
  skippedEarlier: string[];
  /** Handler failed (consumer target); later entries of the same shipment were held back behind it. */
  failed: Array<{ id: string; code: string; message: string }>;
  heldBehindFailure: string[];
  /** Consumer target: no definition for the entry's consumer. */
  unknownConsumer: string[];
}

/** What a redrive needs; `consumers` only for the consumer target. */
export interface RedriveDeps {
  store: StateStore;
  producer: ProducerPort;
  admin: AdminPort;
  codec: AvroEventCodec;
  ledger: EffectLedger;
  deadLetterTopic: string;
  audit?: AuditLog;
  logger: Logger;
}

/** The entries in the order they were first written: per original partition by offset, so each shipment keeps its order. */
export function inOriginalOrder(entries: DeadLetterEntry[]): DeadLetterEntry[] {
  return [...entries].sort((a, b) => a.original.topic.localeCompare(b.original.topic) || a.original.partition - b.original.partition || Number(BigInt(a.original.offset) - BigInt(b.original.offset)));
}

async function redrivenBefore(store: StateStore, topic: string, entries: DeadLetterEntry[]): Promise<Set<string>> {
  await store.migrate('dlq_redrives', ddl);
  const { rows } = await store.query<{ partition: number; offset: string }>('select partition, "offset" from dlq_redrives where dlq_topic = $1', [topic]);
  const seen = new Set(rows.map((r) => `${r.partition}:${r.offset}`));
  return new Set(entries.filter((e) => seen.has(e.id)).map((e) => e.id));
}

/**
 * Redrives dead letters, in original order, either back to their original topic (same key,
 * value and headers, plus `redriven-from` naming the dead-letter entry, on the key's
 * partition) or straight into the failed consumer's handler (marked as redrive, under its
 * effect ledger). Entries that still do not decode, or were redriven before, are left alone.
 */
export async function redrive(
  deps: RedriveDeps,
  entries: DeadLetterEntry[],
  opts: { target: 'topic' | 'consumer'; consumers?: Map<string, ConsumerHandlerSet>; again?: boolean; actor: string; what: Record<string, unknown> },
): Promise<RedriveReport> {
  const report: RedriveReport = { redriveId: randomUUID(), target: opts.target, redriven: [], alreadyDone: [], invalid: [], skippedEarlier: [], failed: [], heldBehindFailure: [], unknownConsumer: [] };
  const earlier = opts.again ? new Set<string>() : await redrivenBefore(deps.store, deps.deadLetterTopic, entries);
  const failedKeys = new Set<string>();
  const counts = new Map<string, number>();
  const handlers = new Map<string, RecordHandler>();
  const mark = (e: DeadLetterEntry) =>
    deps.store.query(
      `insert into dlq_redrives (dlq_topic, partition, "offset", redrive_id, target) values ($1, $2, $3, $4, $5)
       on conflict (dlq_topic, partition, "offset") do update set redrive_id = excluded.redrive_id, target = excluded.target, redriven_at = now()`,
      [deps.deadLetterTopic, e.partition, e.offset, report.redriveId, opts.target],
    );
  try {
    for (const e of inOriginalOrder(entries)) {
      const key = `${e.consumer}\u0000${e.key ?? e.id}`;
      if (!e.validation.ok) report.invalid.push(e.id);
      else if (earlier.has(e.id)) report.skippedEarlier.push(e.id);
      else if (failedKeys.has(key)) report.heldBehindFailure.push(e.id);
      else if (opts.target === 'topic') {
        const headers = { ...e.headers, [redrivenFromHeader]: `${deps.deadLetterTopic}/${e.partition}/${e.offset}`, 'redrive-id': report.redriveId };
        const count = counts.get(e.original.topic) ?? (await deps.admin.partitionCounts([e.original.topic])).get(e.original.topic) ?? 1;
        counts.set(e.original.topic, count);
        const partition = e.key ? murmur2Partition(e.key, count) : e.original.partition % count;
        await deps.producer.send(e.original.topic, [{ key: e.key, value: e.value, headers, partition }]);
        await mark(e);
        report.redriven.push(e.id);
      } else {
        const set = opts.consumers?.get(e.consumer);
        if (!set) {
          report.unknownConsumer.push(e.id);
          continue;
        }
        let h = handlers.get(e.consumer);
        if (!h) handlers.set(e.consumer, (h = new RecordHandler({ name: e.consumer, codec: deps.codec, handlers: set.handlers, idempotency: deps.ledger, rateLimit: set.rateLimit })));
        const record: IncomingRecord = { ...e.original, key: e.key === null ? null : Buffer.from(e.key), value: e.value, headers: { ...e.headers, [redrivenFromHeader]: `${deps.deadLetterTopic}/${e.partition}/${e.offset}` } };
        const log = deps.logger.child({ redrive: report.redriveId, deadLetter: e.id, consumer: e.consumer });
        const prepared = await h.prepare(record, log, new AbortController().signal, async () => undefined, { runId: report.redriveId, kind: 'redrive' });
        if (!prepared) {
          report.invalid.push(e.id);
          continue;
        }
        try {
          const outcome = await withRetry((n) => prepared.run(n), { maxAttempts: 3, minDelayMs: 300, maxDelayMs: 3000 });
          (outcome === 'already-done' ? report.alreadyDone : report.redriven).push(e.id);
          await mark(e);
        } catch (err) {
          const be = err instanceof RetriesExhausted ? err.error : (err as BackboneError);
          report.failed.push({ id: e.id, code: be.code ?? 'UNEXPECTED', message: be.message });
          failedKeys.add(key);
        }
      }
    }
  } catch (err) {
    await deps.audit?.record({ action: 'redrive', actor: opts.actor, what: { ...opts.what, redriveId: report.redriveId, target: opts.target }, counts: tallies(report), outcome: 'failed', error: (err as Error).message });
    throw err;
  }
  const outcome = report.failed.length > 0 ? 'failed' : 'completed';
  await deps.audit?.record({ id: report.redriveId, action: 'redrive', actor: opts.actor, what: { ...opts.what, target: opts.target, ids: entries.map((e) => e.id) }, counts: tallies(report), outcome });
  return report;
}

/** Counts of a redrive report, for output and the audit log. */
export function tallies(r: RedriveReport): Record<string, number> {
  return { redriven: r.redriven.length, alreadyDone: r.alreadyDone.length, invalid: r.invalid.length, skippedEarlier: r.skippedEarlier.length, failed: r.failed.length, heldBehindFailure: r.heldBehindFailure.length, unknownConsumer: r.unknownConsumer.length };
}
