import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../platform/logging/logger.ts';
import { Platform } from '../platform/runtime/platform.ts';
import type { AnalyticsSinkConfig } from './analytics-config.ts';
import { AnalyticsSink } from './analytics-sink.ts';
import { partitionKey } from './analytics-store.ts';
import { ProgressReporter, type ProgressOutput } from './progress-reporter.ts';

/** Settings of one backfill run. */
export interface BackfillOptions {
  config: AnalyticsSinkConfig;
  logger: Logger;
  out: ProgressOutput;
  /** Milliseconds between progress readings (default 1000). */
  intervalMs?: number;
}

/** What a backfill did. */
export interface BackfillResult {
  /** Records read and stored (or dead-lettered) by this run. */
  records: number;
  seconds: number;
  /** Records per second over the run. */
  rate: number;
  /** Events in the store afterwards. */
  storedEvents: number;
}

/**
 * Brings a store up to the end of the canonical topics as they are when it starts, at replay
 * speed, then stops. It is the sink itself, with the same exactly-once path: a fresh store file
 * starts at the beginning of every partition (the log start, after retention); an existing one
 * continues from its stored offsets. A store another sink holds cannot be backfilled
 * (StoreLockedError): that sink is already catching up.
 */
export async function runBackfill(opts: BackfillOptions): Promise<BackfillResult> {
  const { config, logger, out } = opts;
  const platform = Platform.fromConfig(config.platform, logger);
  const topic = platform.topics.lifecycle.name;
  let ends: Map<number, string>;
  let starts: Map<number, string>;
  try {
    const admin = await platform.admin();
    [ends, starts] = await Promise.all([admin.endOffsets(topic), admin.startOffsets(topic)]);
  } finally {
    await platform.close();
  }
  let records = 0;
  const sink = AnalyticsSink.fromConfig({ ...config, httpPort: -1 }, logger, { onStored: (b) => (records += b.records) });
  const progress = new ProgressReporter(out);
  await sink.start();
  try {
    const remaining = () => {
      let left = 0;
      for (const [partition, end] of ends) {
        const from = sink.storedOffsets().get(partitionKey(topic, partition)) ?? BigInt(starts.get(partition) ?? '0');
        const start = BigInt(starts.get(partition) ?? '0');
        const next = from > start ? from : start;
        if (BigInt(end) > next) left += Number(BigInt(end) - next);
      }
      return left;
    };
    for (;;) {
      const left = remaining();
      progress.update(records, records + left);
      if (left === 0) break;
      await sleep(opts.intervalMs ?? 1000);
    }
    const seconds = progress.elapsedMs / 1000;
    const storedEvents = Number((await sink.openStore!.query('SELECT count(*) AS n FROM all_events')).rows[0]!.n);
    const rate = seconds > 0 ? records / seconds : records;
    progress.finish(`done: ${records} events in ${seconds.toFixed(1)} s (${Math.round(rate)} ev/s); the store holds ${storedEvents} events`);
    return { records, seconds, rate, storedEvents };
  } finally {
    await sink.stop();
  }
}
