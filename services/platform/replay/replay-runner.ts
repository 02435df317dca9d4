import { setTimeout as sleep } from 'node:timers/promises';
import type { AvroEventCodec } from '../codec/avro-codec.ts';
import type { EffectLedger } from '../dedup/effect-ledger.ts';
import { BackboneError } from '../errors/backbone-error.ts';
import type { AdminPort, IncomingRecord, KafkaClientFactory } from '../kafka/kafka-port.ts';
import { RecordHandler, type ReplayMarker } from '../kafka/record-handler.ts';
import type { Logger } from '../logging/logger.ts';
import { RetriesExhausted, withRetry, type RetryPolicy } from '../retry/retry-policy.ts';
import type { AuditLog } from './audit-log.ts';
import type { ConsumerHandlerSet, PreviewVerdict } from './consumer-definition.ts';
import { ProgressReporter, Throttle, type ProgressSink } from './progress.ts';
import { describeCounts, emptyCounts, type ConsumerCounts, type ReplayCounts } from './replay-counts.ts';
import { ReplayRunConflictError } from './replay-errors.ts';
import { inspectRecord, type ReplayFilter } from './replay-record.ts';
import type { ReplayRunStore, StoredRun } from './replay-run-store.ts';
import { readRanges, type PartitionRange } from './topic-range-reader.ts';
import { countReplayed, replayProgressed } from '../telemetry/replay-metrics.ts';
import { lazyChild } from '../logging/lazy-child.ts';

/** A consumer a replay feeds: its name (effect ledger scope) and handlers. */
export interface ReplayConsumer {
  name: string;
  set: ConsumerHandlerSet;
}

/** What to replay: the resolved window plus filters and pace. */
export interface ReplaySpec extends ReplayFilter {
  topic: string;
  /** The window as asked (for output and the audit log). */
  from?: string;
  to?: string;
  /** Records per second at most. */
  rate?: number;
}

/** The outcome of an executed run. */
export interface ReplayResult {
  runId: string;
  status: 'completed' | 'cancelled' | 'paused';
  resumed: boolean;
  counts: ReplayCounts;
}

/** A replay run stopped on a handler failure; rerunning with the same run id retries from that record. */
export class ReplayFailedError extends BackboneError {
  constructor(runId: string, where: string, cause: BackboneError) {
    super('REPLAY_FAILED', `replay run ${runId} stopped at ${where}: ${cause.code}: ${cause.message}; rerun with --run-id ${runId} to resume there`, { retriable: true, cause, details: { runId } });
  }
}

class Cancelled extends Error {}

/** What the runner needs. */
export interface ReplayDeps {
  kafka: KafkaClientFactory;
  admin: AdminPort;
  codec: AvroEventCodec;
  ledger: EffectLedger;
  runs: ReplayRunStore;
  audit?: AuditLog;
  logger: Logger;
  /** In-place retries of a failing handler before the run stops (default 3 attempts). */
  retry?: RetryPolicy;
}

const verdictOf = async (set: ConsumerHandlerSet, eventType: string, event: unknown): Promise<PreviewVerdict> => (set.preview ? set.preview(eventType, event, Date.now()) : { outcome: 'call' });

function tally(k: ConsumerCounts, v: PreviewVerdict | 'done'): void {
  if (v === 'done') k.alreadyDone++;
  else if (v.outcome === 'held') k.heldBack++;
  else if (v.outcome === 'filtered') k.noEffect++;
  else k.calls++;
}

/**
 * Replays a window of a topic into consumers' handlers without their live groups: a preview
 * that only reads (effect ledger, preview classifiers) and an execution that runs the handlers
 * marked as replay, partition by partition in offset order, throttled, saving its position
 * after every record so a rerun with the same run id resumes where it stopped.
 */
export class ReplayRunner {
  constructor(private readonly deps: ReplayDeps) {}

  /** Counts what executing would do, per consumer, without any side effect. */
  async preview(spec: ReplaySpec, ranges: PartitionRange[], consumers: ReplayConsumer[]): Promise<ReplayCounts> {
    const counts = emptyCounts(consumers.map((c) => c.name));
    await readRanges(this.deps.kafka, spec.topic, ranges, async (r) => {
      counts.records++;
      const seen = await inspectRecord(this.deps.codec, r, spec);
      if (seen.kind === 'undecodable') return void counts.undecodable++;
      if (seen.kind === 'filtered') return void counts.filteredOut++;
      const decoded = seen.known ? await this.deps.codec.decode<{ envelope: { eventId: string } }>(r.value) : undefined;
      for (const c of consumers) {
        const k = counts.consumers[c.name]!;
        if (!decoded || !(seen.eventType in c.set.handlers)) {
          k.notHandled++;
          continue;
        }
        const done = await this.deps.ledger.completed(c.name, [decoded.event.envelope.eventId]);
        tally(k, done.size > 0 ? 'done' : await verdictOf(c.set, seen.eventType, decoded.event));
      }
    }, { label: 'replay-preview' });
    return counts;
  }

  /**
   * Executes (or resumes) run `runId`. A new run stores its window; an existing paused,
   * interrupted or failed run continues from its saved positions with its stored spec.
   */
  async execute(
    runId: string,
    spec: ReplaySpec,
    ranges: () => Promise<PartitionRange[]>,
    consumers: ReplayConsumer[],
    opts: { actor: string; signal?: AbortSignal; progress?: ProgressSink },
  ): Promise<ReplayResult> {
    const { runs, logger } = this.deps;
    const names = consumers.map((c) => c.name);
    let run = await runs.get<ReplaySpec>(runId);
    const resumed = run !== undefined;
    if (run) {
      if (run.status === 'completed' || run.status === 'cancelled') throw new ReplayRunConflictError(runId, `is ${run.status}; start a new run id`);
      if (run.consumers.join(',') !== names.join(',')) throw new ReplayRunConflictError(runId, `was started for ${run.consumers.join(', ')}, not ${names.join(', ')}`);
      spec = run.spec;
      await runs.setStatus(runId, 'running', { clearRequest: true });
    } else {
      const window = await ranges();
      if (!(await runs.create(runId, names, spec, window, opts.actor))) throw new ReplayRunConflictError(runId, 'was created concurrently by another process');
    }
    run = (await runs.get<ReplaySpec>(runId))!;
    const counts: ReplayCounts = { ...emptyCounts(names), ...(run.counts as Partial<ReplayCounts>) };
    const what = { runId, consumers: names, topic: spec.topic, from: spec.from, to: spec.to, shipments: spec.shipments, eventTypes: spec.eventTypes, rate: spec.rate, resumed };
    try {
      await this.runWindow(run, spec, consumers, counts, opts);
    } catch (err) {
      const e = err instanceof Cancelled ? undefined : err;
      const status = err instanceof Cancelled ? 'cancelled' : opts.signal?.aborted ? 'paused' : 'failed';
      await runs.setStatus(runId, status, { counts, error: e ? (e as Error).message : undefined, clearRequest: true });
      await this.deps.audit?.record({ action: 'replay', actor: opts.actor, what, counts: flat(counts), outcome: status, error: e ? (e as Error).message : undefined });
      if (status !== 'failed') return { runId, status, resumed, counts };
      throw err;
    }
    await runs.setStatus(runId, 'completed', { counts, clearRequest: true });
    await this.deps.audit?.record({ action: 'replay', actor: opts.actor, what, counts: flat(counts), outcome: 'completed' });
    logger.info({ runId, counts }, 'replay run completed');
    return { runId, status: 'completed', resumed, counts };
  }

  private async runWindow(run: StoredRun<ReplaySpec>, spec: ReplaySpec, consumers: ReplayConsumer[], counts: ReplayCounts, opts: { signal?: AbortSignal; progress?: ProgressSink }): Promise<void> {
    const { runs, codec, ledger, logger } = this.deps;
    const marker: ReplayMarker = { runId: run.runId, kind: 'replay' };
    const handlers = consumers.map((c) => ({ c, h: new RecordHandler({ name: c.name, codec, handlers: c.set.handlers, idempotency: ledger, rateLimit: c.set.rateLimit }) }));
    const remaining = run.positions.map((p) => ({ partition: p.partition, start: p.next, end: p.end }));
    const total = remaining.reduce((n, p) => n + Number(BigInt(p.end) - BigInt(p.start)), 0);
    const progress = opts.progress ? new ProgressReporter(opts.progress, `replay ${run.runId}`, total) : undefined;
    const throttle = new Throttle(spec.rate);
    const signal = opts.signal ?? new AbortController().signal;
    let done = 0;
    replayProgressed(run.runId, 0, total);
    await readRanges(this.deps.kafka, spec.topic, remaining, async (r, heartbeat) => {
      await this.processRecord(r, spec, handlers, counts, { marker, throttle, signal, heartbeat, log: logger });
      done++;
      replayProgressed(run.runId, done, total);
      const requested = await runs.advance(run.runId, r.partition, (BigInt(r.offset) + 1n).toString(), counts);
      progress?.update(done, describeCounts(counts).slice(1).join('; '));
      if (requested) await this.onRequest(run.runId, requested, heartbeat, signal, counts);
    }, { signal, label: `replay-${run.runId}` });
    progress?.update(done, describeCounts(counts).slice(1).join('; '), true);
  }

  private async processRecord(
    r: IncomingRecord,
    spec: ReplaySpec,
    handlers: Array<{ c: ReplayConsumer; h: RecordHandler }>,
    counts: ReplayCounts,
    ctx: { marker: ReplayMarker; throttle: Throttle; signal: AbortSignal; heartbeat: () => Promise<void>; log: Logger },
  ): Promise<void> {
    counts.records++;
    const seen = await inspectRecord(this.deps.codec, r, spec);
    if (seen.kind === 'undecodable') return void counts.undecodable++;
    if (seen.kind === 'filtered') return void counts.filteredOut++;
    const log = lazyChild(ctx.log, () => ({ topic: r.topic, partition: r.partition, offset: r.offset, replayRun: ctx.marker.runId }));
    let throttled = false;
    for (const { c, h } of handlers) {
      const k = counts.consumers[c.name]!;
      const prepared = seen.known ? await h.prepare(r, lazyChild(log, () => ({ consumer: c.name })), ctx.signal, ctx.heartbeat, ctx.marker) : undefined;
      if (!prepared) {
        k.notHandled++;
        countReplayed(c.name, 'notHandled');
        continue;
      }
      if (!throttled) await ctx.throttle.wait(ctx.signal);
      throttled = true;
      const verdict = await verdictOf(c.set, prepared.eventType, prepared.event);
      try {
        const outcome = await withRetry(async (n) => (await ctx.heartbeat(), prepared.run(n)), this.deps.retry ?? { maxAttempts: 3, minDelayMs: 500, maxDelayMs: 5000 }, {
          signal: ctx.signal,
          onRetry: (e, n) => prepared.logger.warn({ code: e.code, attempt: n }, 'replayed handler failed; retrying'),
        });
        tally(k, outcome === 'already-done' ? 'done' : verdict);
        countReplayed(c.name, outcome === 'already-done' ? 'done' : verdict);
      } catch (err) {
        if (ctx.signal.aborted) throw ctx.signal.reason ?? err;
        const e = err instanceof RetriesExhausted ? err.error : (err as BackboneError);
        throw new ReplayFailedError(ctx.marker.runId, `${r.topic} partition ${r.partition} offset ${r.offset} (${c.name}, event ${prepared.eventId})`, e);
      }
    }
  }

  /** Pause holds the run here (heartbeating) until resumed or cancelled; cancel ends it. */
  private async onRequest(runId: string, requested: 'pause' | 'cancel', heartbeat: () => Promise<void>, signal: AbortSignal, counts: ReplayCounts): Promise<void> {
    const { runs, logger } = this.deps;
    if (requested === 'pause') {
      await runs.setStatus(runId, 'paused', { counts });
      logger.warn({ runId }, 'replay paused by operator; waiting for resume or cancel');
      let now: 'pause' | 'cancel' | null = 'pause';
      while (now === 'pause') {
        await sleep(500, undefined, { signal });
        await heartbeat();
        now = await runs.requested(runId);
      }
      if (now === null) {
        await runs.setStatus(runId, 'running', { counts });
        logger.warn({ runId }, 'replay resumed by operator');
        return;
      }
    }
    throw new Cancelled(`replay run ${runId} cancelled by operator`);
  }
}

/** Counts as a flat record for the audit log. */
export function flat(c: ReplayCounts): Record<string, number> {
  const out: Record<string, number> = { records: c.records, filteredOut: c.filteredOut, undecodable: c.undecodable };
  for (const [name, k] of Object.entries(c.consumers)) for (const [what, n] of Object.entries(k)) out[`${name}.${what}`] = n;
  return out;
}
