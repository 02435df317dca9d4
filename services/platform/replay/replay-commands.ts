import { randomUUID } from 'node:crypto';
import type { AuditEntry } from './audit-log.ts';
import { groupDeadLetters, parseEntryIds, readDeadLetters, type DeadLetterEntry, type DeadLetterGroup, type DeadLetterSelection } from './dead-letter-inbox.ts';
import { inOriginalOrder, redrive, type RedriveReport } from './dead-letter-redrive.ts';
import { executeRewind, planRewind, type RewindPlan } from './group-rewind.ts';
import type { ProgressSink } from './progress.ts';
import type { ReplayCounts } from './replay-counts.ts';
import { BadArgumentError } from './replay-errors.ts';
import type { ReplayResult, ReplaySpec } from './replay-runner.ts';
import type { ReplayToolkit } from './replay-toolkit.ts';
import { boundText, parseBound, resolveWindow } from './replay-window.ts';
import { rewindTargetOf, type RewindTargetOptions } from './rewind-target.ts';
import type { PartitionRange } from './topic-range-reader.ts';

/** A rewind request as the CLI and the admin API take it. */
export interface RewindRequest extends RewindTargetOptions {
  group: string;
  topic: string;
  partitions?: number[];
  execute?: boolean;
  actor: string;
}

/** Plans a rewind and, with `execute`, applies it (refused while the group has members). */
export async function rewindCommand(tk: ReplayToolkit, req: RewindRequest): Promise<{ executed: boolean; plan: RewindPlan }> {
  if (!req.group) throw new BadArgumentError('--group', 'a consumer group is required');
  if (!req.topic) throw new BadArgumentError('--topic', 'a topic is required');
  const deps = { admin: tk.admin, kafka: tk.platform.kafka, codec: tk.platform.codec, audit: tk.audit };
  const plan = await planRewind(deps, { groupId: req.group, topic: req.topic, target: rewindTargetOf(req), partitions: req.partitions });
  if (!req.execute) return { executed: false, plan };
  return { executed: true, plan: await executeRewind(deps, plan, req.actor) };
}

/** A replay request as the CLI and the admin API take it. */
export interface ReplayRequest {
  consumers: string[];
  topic?: string;
  from?: string;
  to?: string;
  shipments?: string[];
  eventTypes?: string[];
  rate?: number;
  partitions?: number[];
  execute?: boolean;
  runId?: string;
  actor: string;
}

/** The outcome of the replay command: a preview (dry run) or an executed run. */
export type ReplayOutcome = { mode: 'preview'; spec: ReplaySpec; window: PartitionRange[]; counts: ReplayCounts } | ({ mode: 'executed'; spec: ReplaySpec } & ReplayResult);

/** Previews (default) or executes a replay of a window into consumers' handlers, outside their live groups. */
export async function replayCommand(tk: ReplayToolkit, req: ReplayRequest, opts: { signal?: AbortSignal; progress?: ProgressSink } = {}): Promise<ReplayOutcome> {
  if (req.consumers.length === 0) throw new BadArgumentError('--consumer', 'name at least one consumer');
  if (req.rate !== undefined && !(req.rate > 0)) throw new BadArgumentError('--rate', 'must be a positive number of records per second');
  const consumers = await tk.consumers(req.consumers);
  const topic = req.topic ?? tk.platform.topics.lifecycle.name;
  const from = req.from === undefined ? undefined : parseBound(req.from, '--from');
  const to = req.to === undefined ? undefined : parseBound(req.to, '--to');
  const spec: ReplaySpec = { topic, from: boundText(from), to: boundText(to), shipments: req.shipments, eventTypes: req.eventTypes, rate: req.rate };
  const window = () => resolveWindow(tk.admin, { topic, from, to, partitions: req.partitions, shipments: req.shipments });
  if (!req.execute) {
    const ranges = await window();
    return { mode: 'preview', spec, window: ranges, counts: await tk.runner.preview(spec, ranges, consumers) };
  }
  const runId = req.runId ?? `replay-${new Date().toISOString().replace(/[:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 6)}`;
  const result = await tk.runner.execute(runId, spec, window, consumers, { actor: req.actor, signal: opts.signal, progress: opts.progress });
  return { mode: 'executed', spec, ...result };
}

/** Operator request on a running replay. */
export async function controlRun(tk: ReplayToolkit, runId: string, what: 'pause' | 'resume' | 'cancel'): Promise<boolean> {
  return tk.runs.request(runId, what);
}

/** A dead-letter selection as the CLI and the admin API take it. */
export interface DeadLetterQuery {
  ids?: string[];
  errorCodes?: string[];
  consumer?: string;
  from?: string;
  to?: string;
}

function selection(q: DeadLetterQuery): DeadLetterSelection {
  const time = (v: string | undefined, arg: string) => {
    if (v === undefined) return undefined;
    const b = parseBound(v, arg);
    if (!('time' in b)) throw new BadArgumentError(arg, 'give an ISO time for the failed-at window');
    return b.time;
  };
  return { ids: q.ids ? parseEntryIds(q.ids) : undefined, errorCodes: q.errorCodes, consumer: q.consumer, from: time(q.from, '--from'), to: time(q.to, '--to') };
}

/** Dead letters matching a query, grouped by consumer and error code. */
export async function deadLetterList(tk: ReplayToolkit, q: DeadLetterQuery): Promise<{ topic: string; groups: DeadLetterGroup[]; entries: DeadLetterEntry[] }> {
  const topic = tk.platform.topics.deadLetter.name;
  const entries = await readDeadLetters({ kafka: tk.platform.kafka, admin: tk.admin, codec: tk.platform.codec }, topic, selection(q));
  return { topic, groups: groupDeadLetters(entries), entries };
}

/** A redrive request: which dead letters, where to, and whether to execute. */
export interface RedriveRequest extends DeadLetterQuery {
  target: 'topic' | 'consumer';
  again?: boolean;
  execute?: boolean;
  actor: string;
}

/** Dry run (what would be redriven, in which order) or executed redrive of selected dead letters. */
export async function redriveCommand(tk: ReplayToolkit, req: RedriveRequest): Promise<{ executed: boolean; selected: DeadLetterEntry[]; report?: RedriveReport }> {
  if (!req.ids?.length && !req.errorCodes?.length && !req.consumer && !req.from && !req.to) {
    throw new BadArgumentError('selection', 'select dead letters with --id, --error-code, --consumer or --from/--to (redriving everything at once is not a default)');
  }
  const { topic, entries } = await deadLetterList(tk, req);
  const selected = inOriginalOrder(entries);
  if (!req.execute) return { executed: false, selected };
  const consumers = new Map<string, Awaited<ReturnType<ReplayToolkit['consumer']>>>();
  if (req.target === 'consumer') for (const name of new Set(selected.map((e) => e.consumer))) if (tk.registry.has(name)) consumers.set(name, await tk.consumer(name));
  const report = await redrive(
    { store: tk.platform.stateStore(), producer: tk.producer, admin: tk.admin, codec: tk.platform.codec, ledger: tk.ledger, deadLetterTopic: topic, audit: tk.audit, logger: tk.platform.logger },
    selected,
    { target: req.target, consumers, again: req.again, actor: req.actor, what: { ids: req.ids, errorCodes: req.errorCodes, consumer: req.consumer, from: req.from, to: req.to } },
  );
  return { executed: true, selected, report };
}

/** The audit trail, oldest first, optionally one action only. */
export async function auditList(tk: ReplayToolkit, action?: string): Promise<AuditEntry[]> {
  return (await tk.audit.list()).filter((e) => !action || e.action === action);
}
