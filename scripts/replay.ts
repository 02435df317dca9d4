/**
 * `npm run replay -- <command>`: what engineers run after an outage.
 *   rewind   --group G --topic T (--to-datetime ISO | --to-offset N | --by-duration PT1H | --shift-by N | --to-earliest | --to-latest) [--partitions 0,1] [--execute]
 *   replay   --consumer erp-consumer [--from T|N] [--to T|N] [--shipment ID ...] [--event-type T ...] [--rate N] [--run-id ID] [--execute]
 *   runs | control <run-id> pause|resume|cancel
 *   dlq list|show|redrive     audit
 * Dry run by default; every executed operation is recorded on the audit topic. --json everywhere.
 */
import { Argument, Command, Option } from 'commander';
import { platformConfigFromEnv } from '../services/platform/config/load-config.ts';
import { BackboneError } from '../services/platform/errors/backbone-error.ts';
import { createLogger } from '../services/platform/logging/logger.ts';
import { defaultActor } from '../services/platform/replay/audit-log.ts';
import { entryJson } from '../services/platform/replay/dead-letter-inbox.ts';
import { auditList, controlRun, deadLetterList, redriveCommand, replayCommand, rewindCommand } from '../services/platform/replay/replay-commands.ts';
import { BadArgumentError, ReplayRequestError } from '../services/platform/replay/replay-errors.ts';
import { ReplayToolkit } from '../services/platform/replay/replay-toolkit.ts';
import { Platform } from '../services/platform/runtime/platform.ts';
import { consumerDefinitions } from './consumer-definitions.ts';
import { auditText, deadLetterGroupsText, deadLetterText, redriveText, replayText, rewindText } from './replay-output.ts';

let json = false;
const print = (value: unknown, text: () => string) => console.log(json ? JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) : text());

const partitionsOf = (v: string | undefined): number[] | undefined => {
  if (v === undefined) return undefined;
  const parts = v.split(',').map((s) => s.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) throw new BadArgumentError('--partitions', `"${v}" is not a comma-separated list of partition numbers such as 0,1`);
  return parts.map(Number);
};
const rateOf = (v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(?:\/s)?$/.exec(v);
  if (!m || Number(m[1]) <= 0) throw new BadArgumentError('--rate', `"${v}" is not a rate such as 20 or 20/s`);
  return Number(m[1]);
};

/** Opens the toolkit for one command and closes it afterwards. */
async function withToolkit<T>(fn: (tk: ReplayToolkit) => Promise<T>): Promise<T> {
  const cfg = platformConfigFromEnv(process.env, 'replay');
  const logger = createLogger('replay', process.env.LOG_LEVEL ?? 'warn', 2);
  const tk = await ReplayToolkit.open(Platform.fromConfig({ ...cfg, logLevel: logger.level as typeof cfg.logLevel }, logger), consumerDefinitions);
  try {
    return await fn(tk);
  } finally {
    await tk.close();
  }
}

const program = new Command('replay')
  .description('rewind consumer groups, replay windows into consumers, inspect and redrive dead letters; dry run unless --execute')
  .option('--json', 'machine-readable output')
  .option('--actor <name>', 'who is acting, for the audit log (default: the OS user)')
  .hook('preAction', (cmd) => {
    json = Boolean(cmd.opts().json);
  });
const actor = () => (program.opts().actor as string | undefined) ?? defaultActor();

program
  .command('rewind')
  .description('move a consumer group\'s committed offsets on a topic (like kafka-consumer-groups --reset-offsets)')
  .requiredOption('--group <id>', 'consumer group')
  .requiredOption('--topic <name>', 'topic (full name, prefix included)')
  .option('--to-datetime <iso>', 'first offset at/after this time (Kafka offsetsForTimes)')
  .option('--to-offset <n>', 'this offset on every chosen partition')
  .option('--by-duration <iso>', 'now minus an ISO-8601 duration, e.g. PT1H')
  .option('--shift-by <n>', 'current offset plus n (negative moves back)')
  .option('--to-earliest', 'the log start')
  .option('--to-latest', 'the end')
  .option('--partitions <list>', 'only these partitions, e.g. 0,1')
  .option('--execute', 'apply (default: dry run)')
  .option('--json', 'machine-readable output')
  .action(async (o) => {
    json ||= Boolean(o.json);
    const out = await withToolkit((tk) => rewindCommand(tk, { ...o, group: o.group, topic: o.topic, partitions: partitionsOf(o.partitions), execute: Boolean(o.execute), actor: actor() }));
    print(out, () => rewindText(out.executed, out.plan));
  });

program
  .command('replay')
  .description('preview (default) or execute a replay of a window into consumers\' handlers, outside their live groups')
  .requiredOption('--consumer <name...>', `consumer(s): ${[...consumerDefinitions.keys()].join(', ')}`)
  .option('--from <time|offset>', 'window start (ISO time, or an offset on every partition); default: log start')
  .option('--to <time|offset>', 'window end, inclusive; default: the end now')
  .option('--topic <name>', 'topic (default: the lifecycle topic)')
  .option('--shipment <id...>', 'only these shipments')
  .option('--event-type <type...>', 'only these event types')
  .option('--rate <n>', 'records per second at most, e.g. 20 or 20/s')
  .option('--partitions <list>', 'only these partitions')
  .option('--run-id <id>', 'run id: rerunning with the same id resumes where it stopped')
  .option('--execute', 'run the handlers (default: preview only)')
  .option('--json', 'machine-readable output')
  .action(async (o) => {
    json ||= Boolean(o.json);
    const abort = new AbortController();
    // Ctrl-C / SIGTERM: stop after the record in flight; the run is kept and resumable with its id.
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => abort.abort(new Error(`${sig} received`)));
    const out = await withToolkit((tk) =>
      replayCommand(
        tk,
        { consumers: o.consumer, topic: o.topic, from: o.from, to: o.to, shipments: o.shipment, eventTypes: o.eventType, rate: rateOf(o.rate), partitions: partitionsOf(o.partitions), execute: Boolean(o.execute), runId: o.runId, actor: actor() },
        { signal: abort.signal, progress: { isTTY: process.stderr.isTTY, write: (s) => process.stderr.write(s) } },
      ),
    );
    print(out, () => replayText(out));
    if (out.mode === 'executed' && out.status !== 'completed') process.exitCode = 3;
  });

program
  .command('runs')
  .description('recent replay runs and their positions')
  .option('--json', 'machine-readable output')
  .action(async (o) => {
    json ||= Boolean(o.json);
    const runs = await withToolkit((tk) => tk.runs.list());
    print(runs, () => runs.map((r) => `${r.updatedAt.toISOString()}  ${r.runId}  ${r.status}${r.requested ? ` (${r.requested} requested)` : ''}  ${r.consumers.join(',')}  ${JSON.stringify(r.counts)}`).join('\n') || 'no replay runs');
  });

program
  .command('control')
  .description('pause, resume or cancel a running replay (it reacts at its next record)')
  .argument('<run-id>')
  .addArgument(new Argument('<action>').choices(['pause', 'resume', 'cancel']))
  .action(async (runId: string, action: 'pause' | 'resume' | 'cancel') => {
    const ok = await withToolkit((tk) => controlRun(tk, runId, action));
    if (!ok) throw new ReplayRequestError('RUN_NOT_ACTIVE', `no running or paused replay run ${runId}`);
    print({ runId, action, requested: true }, () => `${action} requested for run ${runId}`);
  });

const dlq = program.command('dlq').description('dead letters: list, show, redrive');
const selectionOptions = (c: Command) =>
  c
    .option('--id <ids...>', 'dead-letter ids (partition:offset)')
    .option('--error-code <codes...>', 'only these error codes')
    .option('--consumer <name>', 'only this consumer\'s dead letters')
    .option('--from <iso>', 'failed at or after')
    .option('--to <iso>', 'failed at or before')
    .option('--json', 'machine-readable output');
selectionOptions(dlq.command('list').description('dead letters grouped by consumer and error code, re-validated against the current schemas')).action(async (o) => {
  json ||= Boolean(o.json);
  const out = await withToolkit((tk) => deadLetterList(tk, { ids: o.id, errorCodes: o.errorCode, consumer: o.consumer, from: o.from, to: o.to }));
  print({ topic: out.topic, groups: out.groups }, () => deadLetterGroupsText(out.topic, out.groups));
});
dlq
  .command('show')
  .description('dead-letter entries in detail')
  .argument('<ids...>', 'partition:offset')
  .option('--json', 'machine-readable output')
  .action(async (ids: string[], o) => {
    json ||= Boolean(o.json);
    const out = await withToolkit((tk) => deadLetterList(tk, { ids }));
    print(out.entries.map(entryJson), () => out.entries.map(deadLetterText).join('\n\n') || 'no such dead letters');
  });
selectionOptions(dlq.command('redrive').description('send selected dead letters back to their topic (default) or straight to the failed consumer'))
  .addOption(new Option('--target <where>', 'topic: the original topic; consumer: run the failed consumer\'s handler').choices(['topic', 'consumer']).default('topic'))
  .option('--again', 'also redrive entries redriven before')
  .option('--execute', 'redrive (default: dry run)')
  .action(async (o) => {
    json ||= Boolean(o.json);
    const out = await withToolkit((tk) => redriveCommand(tk, { ids: o.id, errorCodes: o.errorCode, consumer: o.consumer, from: o.from, to: o.to, target: o.target, again: Boolean(o.again), execute: Boolean(o.execute), actor: actor() }));
    print({ executed: out.executed, selected: out.selected.map((e) => ({ id: e.id, key: e.key, consumer: e.consumer, errorCode: e.errorCode, valid: e.validation.ok })), report: out.report }, () => redriveText(out.executed, out.selected, out.report));
    if (out.report && out.report.failed.length > 0) process.exitCode = 3;
  });

program
  .command('audit')
  .description('every executed rewind, replay and redrive: who, when, what, counts, outcome')
  .option('--action <action>', 'only rewind, replay or redrive')
  .option('--json', 'machine-readable output')
  .action(async (o) => {
    json ||= Boolean(o.json);
    const entries = await withToolkit((tk) => auditList(tk, o.action));
    print(entries, () => auditText(entries));
  });

program.parseAsync().catch((err: unknown) => {
  const e = err instanceof BackboneError ? err : undefined;
  if (json) console.log(JSON.stringify({ error: { code: e?.code ?? 'UNEXPECTED', message: err instanceof Error ? err.message : String(err), ...(e?.details ?? {}) } }, null, 2));
  else console.error(`replay: ${e ? `${e.code}: ` : ''}${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof ReplayRequestError ? 2 : 1);
});
