/** Human-readable output of `npm run replay` (the --json output is the command results as they are). */
import type { AuditEntry } from '../services/platform/replay/audit-log.ts';
import type { DeadLetterEntry, DeadLetterGroup } from '../services/platform/replay/dead-letter-inbox.ts';
import { tallies, type RedriveReport } from '../services/platform/replay/dead-letter-redrive.ts';
import type { RewindPlan } from '../services/platform/replay/group-rewind.ts';
import type { ReplayOutcome } from '../services/platform/replay/replay-commands.ts';
import { describeCounts } from '../services/platform/replay/replay-counts.ts';

const pad = (s: unknown, n: number) => String(s).padEnd(n);
const types = (t: Record<string, number>) => Object.entries(t).map(([k, v]) => `${k}=${v}`).join(' ') || '-';

export function rewindText(executed: boolean, p: RewindPlan): string {
  const lines = [`group ${p.groupId} (${p.groupState}, ${p.activeMembers} active members) on ${p.topic}: ${p.target}${p.targetTime ? ` (${p.targetTime})` : ''}`, ''];
  lines.push(`${pad('PARTITION', 10)}${pad('CURRENT', 10)}${pad('TARGET', 10)}${pad('RECORDS', 18)}EVENT TYPES`);
  for (const x of p.partitions) {
    const what = x.direction === 'back' ? `${x.records} re-read` : x.direction === 'forward' ? `${x.records} skipped` : '0';
    lines.push(`${pad(x.partition, 10)}${pad(x.current ?? '-', 10)}${pad(`${x.target}${x.clamped ? '*' : ''}`, 10)}${pad(what, 18)}${types(x.eventTypes)}`);
  }
  if (p.partitions.some((x) => x.clamped)) lines.push('* outside the retained offsets: moved to the nearest end');
  if (p.eventTypesTruncated) lines.push('(event types counted for the first records only)');
  lines.push('', executed ? 'offsets reset (recorded in the audit log)' : 'dry run: nothing changed (add --execute)');
  return lines.join('\n');
}

export function replayText(o: ReplayOutcome): string {
  const window = o.spec.from || o.spec.to ? `${o.spec.from ?? 'log start'} .. ${o.spec.to ?? 'now'}` : 'the whole topic';
  const filters = [o.spec.shipments?.length ? `shipments ${o.spec.shipments.join(', ')}` : '', o.spec.eventTypes?.length ? `types ${o.spec.eventTypes.join(', ')}` : ''].filter(Boolean).join('; ');
  const head = `${o.spec.topic}, ${window}${filters ? `; ${filters}` : ''}`;
  if (o.mode === 'preview') {
    const ranges = o.window.map((r) => `p${r.partition} ${r.start}..${r.end}`).join(', ');
    return [`preview of a replay of ${head}`, `offsets: ${ranges}`, ...describeCounts(o.counts), 'dry run: no handler called (add --execute)'].join('\n');
  }
  const how = o.status === 'paused' ? `paused: resume with --run-id ${o.runId}` : o.status;
  return [`replay run ${o.runId}${o.resumed ? ' (resumed)' : ''} of ${head}: ${how}`, ...describeCounts(o.counts)].join('\n');
}

export function deadLetterGroupsText(topic: string, groups: DeadLetterGroup[]): string {
  if (groups.length === 0) return `${topic}: no dead letters match`;
  const lines = [`${pad('CONSUMER', 24)}${pad('ERROR CODE', 26)}${pad('COUNT', 7)}${pad('VALID', 7)}${pad('FAILED FROM .. TO', 52)}IDS`];
  for (const g of groups) lines.push(`${pad(g.consumer, 24)}${pad(g.errorCode, 26)}${pad(g.count, 7)}${pad(g.valid, 7)}${pad(`${g.firstFailedAt} .. ${g.lastFailedAt}`, 52)}${g.ids.slice(0, 8).join(' ')}${g.ids.length > 8 ? ' ...' : ''}`);
  lines.push('', 'VALID: decodes with the current reader schemas (can be redriven)');
  return lines.join('\n');
}

export function deadLetterText(e: DeadLetterEntry): string {
  const v = e.validation.ok ? `valid today: ${e.validation.eventType} ${e.validation.eventId}` : `still invalid: ${e.validation.code}: ${e.validation.message}`;
  return [
    `dead letter ${e.id}  key ${e.key ?? '-'}  consumer ${e.consumer}`,
    `  failed at ${e.failedAt} after ${e.attempts} attempt(s): ${e.errorCode}${e.retriable ? ' (retriable)' : ''}: ${e.errorMessage}`,
    `  original ${e.original.topic} partition ${e.original.partition} offset ${e.original.offset}`,
    `  ${v}`,
  ].join('\n');
}

export function redriveText(executed: boolean, selected: DeadLetterEntry[], report?: RedriveReport): string {
  const lines = selected.map((e) => `${pad(e.id, 12)}${pad(e.key ?? '-', 20)}${pad(e.consumer, 22)}${pad(e.errorCode, 26)}${e.validation.ok ? e.validation.eventType : `INVALID ${e.validation.code}`}`);
  if (!report) return [...lines, '', `${selected.length} dead letters selected, ${selected.filter((e) => e.validation.ok).length} valid today; dry run: nothing redriven (add --execute)`].join('\n');
  const t = tallies(report);
  lines.push('', `redrive ${report.redriveId} to the ${report.target === 'topic' ? 'original topic' : 'failed consumer'}: ${Object.entries(t).map(([k, v]) => `${v} ${k}`).join(', ')}`);
  for (const f of report.failed) lines.push(`  failed ${f.id}: ${f.code}: ${f.message}`);
  return lines.join('\n');
}

export function auditText(entries: AuditEntry[]): string {
  if (entries.length === 0) return 'no audit entries';
  return entries
    .map((e) => {
      const what = Object.entries(e.what).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : typeof v === 'object' ? JSON.stringify(v) : v}`).join(' ');
      const counts = Object.entries(e.counts).filter(([, v]) => v !== 0).map(([k, v]) => `${k}=${v}`).join(' ');
      return `${e.at}  ${pad(e.actor, 12)}${pad(e.action, 9)}${pad(e.outcome, 10)}${what}${counts ? `  [${counts}]` : ''}${e.error ? `  error: ${e.error}` : ''}`;
    })
    .join('\n');
}
