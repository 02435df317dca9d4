import { replayProgress, replayRecords, replayRemaining } from './metrics.ts';

/** What an executed replay did with a record for one consumer. */
export type ReplayOutcome = 'calls' | 'already_done' | 'held_back' | 'no_effect' | 'not_handled';

const outcomeOf = { done: 'already_done', call: 'calls', held: 'held_back', filtered: 'no_effect', notHandled: 'not_handled' } as const;

/** Counts one record of an executed replay for a consumer (the verdict as the runner tallies it). */
export function countReplayed(consumer: string, verdict: { outcome: 'call' | 'held' | 'filtered' } | 'done' | 'notHandled'): void {
  const key = typeof verdict === 'string' ? verdict : verdict.outcome;
  replayRecords.inc({ consumer, outcome: outcomeOf[key] });
}

/** Sets a replay run's progress gauges: share done and records left of this process's window. */
export function replayProgressed(runId: string, done: number, total: number): void {
  replayProgress.set({ run_id: runId }, total === 0 ? 1 : Math.min(1, done / total));
  replayRemaining.set({ run_id: runId }, Math.max(0, total - done));
}
