import { BadArgumentError } from './replay-errors.ts';

/** Where to move a group's offsets, as kafka-consumer-groups --reset-offsets names it. */
export type RewindTarget =
  | { kind: 'datetime'; at: Date }
  | { kind: 'offset'; offset: bigint }
  | { kind: 'duration'; iso: string; ms: number }
  | { kind: 'shift'; by: bigint }
  | { kind: 'earliest' }
  | { kind: 'latest' };

/** The options a rewind request may carry; exactly one must be set. */
export interface RewindTargetOptions {
  toDatetime?: string;
  toOffset?: string;
  byDuration?: string;
  shiftBy?: string;
  toEarliest?: boolean;
  toLatest?: boolean;
}

const isoDuration = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses an ISO-8601 duration of days, hours, minutes and seconds (PT1H, P1DT30M, PT90S) into millis. */
export function parseIsoDuration(text: string, argument = '--by-duration'): number {
  const m = isoDuration.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) throw new BadArgumentError(argument, `"${text}" is not an ISO-8601 duration such as PT1H, P1DT30M or PT90S`);
  const [, d, h, min, s] = m;
  const ms = ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
  if (ms <= 0) throw new BadArgumentError(argument, 'must be longer than zero');
  return ms;
}

/** Parses an ISO time, naming the argument when it is not one. */
export function parseTime(text: string, argument: string): Date {
  // Date accepts many shapes; require at least a calendar date so "5" is not a time.
  const d = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(d.getTime())) throw new BadArgumentError(argument, `"${text}" is not an ISO time such as 2026-11-20T08:00:00Z`);
  return d;
}

function integer(text: string, argument: string, allowNegative: boolean): bigint {
  if (!(allowNegative ? /^[+-]?\d+$/ : /^\d+$/).test(text)) throw new BadArgumentError(argument, `"${text}" is not ${allowNegative ? 'a whole number' : 'a non-negative whole number'}`);
  return BigInt(text);
}

/** Turns the command-line options into one target; refuses none or several. */
export function rewindTargetOf(o: RewindTargetOptions): RewindTarget {
  const given = [o.toDatetime && '--to-datetime', o.toOffset && '--to-offset', o.byDuration && '--by-duration', o.shiftBy && '--shift-by', o.toEarliest && '--to-earliest', o.toLatest && '--to-latest'].filter(Boolean);
  if (given.length !== 1) {
    throw new BadArgumentError('target', given.length === 0 ? 'give one of --to-datetime, --to-offset, --by-duration, --shift-by, --to-earliest, --to-latest' : `give only one target, not ${given.join(' and ')}`);
  }
  if (o.toDatetime) return { kind: 'datetime', at: parseTime(o.toDatetime, '--to-datetime') };
  if (o.toOffset) return { kind: 'offset', offset: integer(o.toOffset, '--to-offset', false) };
  if (o.byDuration) return { kind: 'duration', iso: o.byDuration, ms: parseIsoDuration(o.byDuration) };
  if (o.shiftBy) return { kind: 'shift', by: integer(o.shiftBy, '--shift-by', true) };
  return o.toEarliest ? { kind: 'earliest' } : { kind: 'latest' };
}

/** The target in words, for output and the audit log. */
export function describeTarget(t: RewindTarget): string {
  switch (t.kind) {
    case 'datetime':
      return `to-datetime ${t.at.toISOString()}`;
    case 'offset':
      return `to-offset ${t.offset}`;
    case 'duration':
      return `by-duration ${t.iso}`;
    case 'shift':
      return `shift-by ${t.by}`;
    default:
      return `to-${t.kind}`;
  }
}
