import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { DemoErp } from '../../services/demo-erp/demo-erp.ts';
import { Platform } from '../../services/platform/runtime/platform.ts';
import { repoRoot } from '../../scripts/stack/stack-config.ts';
import { typed } from '../support/consumer-fixtures.ts';
import { pickCompletedEvent } from '../support/fixtures.ts';
import { provision, testLogger, testPlatformConfig, waitFor } from '../support/test-env.ts';
import { tsNodeArgs } from '../../scripts/ts-runtime/node-args.ts';

/** The last output lines of the consumer processes, shown when the test fails. */
const output: string[] = [];

/** Runs the real ERP consumer process (services/erp-consumer/main.ts). */
function consumerProcess(env: NodeJS.ProcessEnv, name: string): ChildProcess {
  const child = spawn(process.execPath, [...tsNodeArgs, 'services/erp-consumer/main.ts'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (d: Buffer) => {
      output.push(...d.toString().trim().split('\n').map((l) => `${name}: ${l}`));
      output.splice(0, Math.max(0, output.length - 40));
    });
  }
  return child;
}

describe('two ERP consumer processes in one group, one killed mid-stream', () => {
  const children: ChildProcess[] = [];
  const erp = new DemoErp({ host: '127.0.0.1', port: 0, delayMs: 25 });
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await erp.stop();
  });

  it('still posts every event exactly once, in order per shipment', async () => {
    const cfg = testPlatformConfig(undefined, 'erp-scale');
    await provision(cfg);
    await erp.start();
    const env = {
      ...process.env,
      KAFKA_BROKERS: cfg.kafka.brokers.join(','),
      SCHEMA_REGISTRY_URL: cfg.registry.url,
      STATE_STORE_URL: cfg.stateStore.url,
      LEB_TOPIC_PREFIX: cfg.topicPrefix,
      LOG_LEVEL: 'warn',
      ERP_BASE_URL: erp.url,
      ERP_CONSUMER_GROUP: `erp-scale-${randomUUID().slice(0, 8)}`,
      ERP_CONSUMER_HEALTH_PORT: '-1',
      ERP_MAX_CONCURRENCY: '2',
    };
    children.push(consumerProcess(env, 'first'), consumerProcess(env, 'second'));

    // 12 shipments x 5 picks each, published in one go.
    const shipments = Array.from({ length: 12 }, () => `SHP-${randomUUID().slice(0, 8)}`);
    const events = shipments.flatMap((s) => Array.from({ length: 5 }, () => typed('PickCompleted', pickCompletedEvent(s))));
    const platform = Platform.fromConfig(cfg, testLogger);
    await (await platform.eventProducer()).publish(events);
    await platform.close();

    await waitFor('a third of the events posted', () => erp.postings.size >= events.length / 3, 60_000);
    children[0]!.kill('SIGKILL');
    await waitFor('every event posted', () => erp.postings.size === events.length, 120_000).catch((err: Error) => {
      throw new Error(`${err.message} (${erp.postings.size} of ${events.length}); consumer output:\n${output.join('\n')}`);
    });

    for (const e of events) assert.ok(erp.postings.has(e.event.envelope.eventId), `posted ${e.event.envelope.eventId}`);
    // The ERP recognises a repeated Idempotency-Key; count what it actually posted per event.
    assert.equal(erp.postings.size, events.length, 'exactly one posting per event');
    for (const s of shipments) {
      const expected = events.filter((e) => e.event.envelope.shipmentId === s).map((e) => e.event.envelope.eventId);
      const firstCalls = [...new Set(erp.requests.filter((r) => r.body.shipmentId === s).map((r) => r.idempotencyKey))];
      assert.deepEqual(firstCalls, expected, `shipment ${s} posted in order`);
    }
  });
});
