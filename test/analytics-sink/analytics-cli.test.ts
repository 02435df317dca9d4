import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import type { AnalyticsSinkConfig } from '../../services/analytics-sink/analytics-config.ts';
import { AnalyticsSink } from '../../services/analytics-sink/analytics-sink.ts';
import { runBackfill } from '../../services/analytics-sink/backfill.ts';
import { Platform } from '../../services/platform/runtime/platform.ts';
import { shipmentStory } from '../support/analytics-fixtures.ts';
import { provision, testLogger, testPlatformConfig } from '../support/test-env.ts';
import { sinkConfig } from './sink-harness.ts';
import { tsNodeArgs } from '../../scripts/ts-runtime/node-args.ts';

const platform = testPlatformConfig(undefined, 'analytics-cli');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const stories = 3;
const events = stories * 12;

/** Runs `npm run analytics:<cmd>`'s script with the test stack's settings (async: the sink under test may share this process). */
async function cli(config: AnalyticsSinkConfig, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...tsNodeArgs, path.join(root, 'scripts', 'analytics.ts'), ...args], {
    cwd: root,
    env: { ...process.env, LEB_TOPIC_PREFIX: platform.topicPrefix, ANALYTICS_DB_PATH: config.dbPath, ANALYTICS_EXPORT_DIR: config.exportDir, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, stdout, stderr };
}

/** Rows per event type in a Parquet export folder, read back with DuckDB. */
async function parquetCounts(dir: string): Promise<Record<string, number>> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const r = await conn.runAndReadAll(
      `SELECT event_type, count(*)::INTEGER AS n FROM read_parquet('${dir}/**/*.parquet', hive_partitioning = true, union_by_name = true) GROUP BY ALL ORDER BY 1`,
    );
    return Object.fromEntries((r.getRowsJson() as Array<[string, number]>).map(([t, n]) => [t, n]));
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

describe('analytics commands: backfill, query, export', () => {
  let config: AnalyticsSinkConfig;
  let p: Platform;

  before(async () => {
    await provision(platform);
    p = Platform.fromConfig(platform, testLogger);
    const producer = await p.eventProducer();
    for (let i = 0; i < stories; i++) await producer.publish(shipmentStory());
    config = sinkConfig(platform);
  });
  after(async () => {
    await p.close();
  });

  it('backfills a new store from the beginning of the topics, printing counts and rate, then stops', async () => {
    let out = '';
    const result = await runBackfill({ config, logger: testLogger, out: { write: (s: string) => (out += s), isTTY: false }, intervalMs: 100 });
    assert.equal(result.records, events);
    assert.equal(result.storedEvents, events);
    assert.match(out, new RegExp(`^backfill \\d+/${events} events {2}[\\d.]+% {2}[\\d,]+ ev/s {2}eta `, 'm'), out);
    assert.match(out, new RegExp(`^backfill done: ${events} events in [\\d.]+ s \\(\\d+ ev/s\\); the store holds ${events} events$`, 'm'));
    assert.doesNotMatch(out, /\r/, 'no bar outside a terminal');
    // Run again: nothing left to read, nothing stored twice.
    out = '';
    const again = await runBackfill({ config, logger: testLogger, out: { write: (s: string) => (out += s) }, intervalMs: 100 });
    assert.deepEqual([again.records, again.storedEvents], [0, events]);
  });

  it('analytics:query prints a table, or JSON with --json, and refuses anything but a read', async () => {
    const table = await cli(config, ['query', 'SELECT event_type, count(*) AS n FROM all_events GROUP BY ALL ORDER BY 1 LIMIT 2']);
    assert.equal(table.code, 0, table.stderr);
    assert.deepEqual(table.stdout.trim().split('\n'), ['event_type        | n', '------------------+--', `DeliveryException | ${stories}`, `EtaUpdated        | ${stories}`, '(2 rows)']);
    const json = await cli(config, ['query', '--json', 'SELECT count(*)::INTEGER AS n, min(occurred_at) AS first FROM all_events']);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), {
      columns: [
        { name: 'n', type: 'INTEGER' },
        { name: 'first', type: 'TIMESTAMP WITH TIME ZONE' },
      ],
      rows: [{ n: events, first: '2026-03-01 07:00:00+00' }],
    });
    const refused = await cli(config, ['query', 'DELETE FROM events_pick_completed']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /ANALYTICS_QUERY_REJECTED: only read-only statements/);
  });

  it('analytics:export writes Parquet partitioned by event type and day, filtered by date', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'leb-parquet-'));
    const res = await cli(config, ['export', '--out', out, '--from', '2026-03-02', '--to', '2026-03-02']);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(readdirSync(path.join(out, 'event_type=PickCompleted')), ['date=2026-03-02']);
    // shipmentStory: 9 event types occur on 03-02; the notice (03-01), delivery (03-03) and return (03-05) are outside the range.
    const counts = await parquetCounts(out);
    assert.equal(Object.keys(counts).length, 9);
    assert.ok(Object.values(counts).every((n) => n === stories));
    assert.equal(counts.ProofOfDeliveryReceived, undefined);
    assert.match(res.stdout, new RegExp(`exported ${9 * stories} rows to ${out}`));
  });

  it('query and export go through the running sink, which holds the store file', async () => {
    const sink = AnalyticsSink.fromConfig({ ...config, httpPort: 0 }, testLogger);
    await sink.start();
    try {
      const ready = await fetch(`${sink.url}/health/ready`);
      assert.equal(ready.status, 200);
      const env = { ANALYTICS_URL: sink.url! };
      const q = await cli(config, ['query', '--json', 'SELECT count(*)::INTEGER AS n FROM all_events'], env);
      assert.equal(q.code, 0, q.stderr);
      assert.deepEqual(JSON.parse(q.stdout).rows, [{ n: events }]);
      const files = await cli(config, ['query', "SELECT * FROM read_text('/etc/hostname')"], env);
      assert.equal(files.code, 1, 'SQL through the sink cannot read files');
      const x = await cli(config, ['export', '--type', 'PickCompleted'], env);
      assert.equal(x.code, 0, x.stderr);
      assert.deepEqual(await parquetCounts(config.exportDir), { PickCompleted: stories });
    } finally {
      await sink.stop();
    }
  });
});
