/**
 * A sink process that kills itself with SIGKILL inside a batch transaction: after the rows and
 * offsets of its Nth batch were written and before COMMIT. Spawned by analytics-crash.test.ts
 * with SINK_CONFIG (an AnalyticsSinkConfig as JSON) and CRASH_ON_BATCH.
 */
import { AnalyticsSink } from '../../services/analytics-sink/analytics-sink.ts';
import { createLogger } from '../../services/platform/logging/logger.ts';

const config = JSON.parse(process.env.SINK_CONFIG ?? '{}');
const crashOn = Number(process.env.CRASH_ON_BATCH ?? 1);
let batches = 0;
const sink = AnalyticsSink.fromConfig(config, createLogger('crashing-sink', 'silent'), {
  hooks: {
    beforeCommit: ({ rows }) => {
      if (rows > 0 && ++batches === crashOn) {
        process.stdout.write(`killing the sink inside batch ${batches} (${rows} rows uncommitted)\n`);
        process.kill(process.pid, 'SIGKILL');
      }
    },
  },
});
await sink.start();
