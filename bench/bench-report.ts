/**
 * What every benchmark case adds to one run's report: printed rows, goals with whether they are
 * met, notes, and its figures for the JSON file; plus the small helpers the cases share.
 */
import { spreadOf, type Spread } from './bench-stats.ts';

/** One printed row. */
export interface Row {
  section: string;
  variant: string;
  figure: string;
  cpu?: string;
  memory?: string;
}

/** One goal and whether the measured figures meet it (undefined: reported, no goal). */
export interface Goal {
  goal: string;
  measured: string;
  met: boolean | undefined;
}

/** The run's report, filled in by the cases in order. */
export interface BenchReport {
  rows: Row[];
  goals: Goal[];
  notes: string[];
  json: Record<string, unknown>;
}

/** Progress on stderr, so stdout carries only the table. */
export const say = (s: string): void => void process.stderr.write(`[bench] ${s}\n`);

/** Bytes as MiB. */
export const mb = (bytes: number): number => bytes / 1024 / 1024;

/** The spread of one figure over repeated runs. */
export function series<T>(runs: T[], pick: (r: T) => number): Spread {
  return spreadOf(runs.map(pick));
}

/** A spread of ratios as percentages. */
export function pct(s: Spread): Spread {
  return spreadOf(s.runs.map((x) => x * 100));
}
