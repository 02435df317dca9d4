import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { TypedEvent } from '../../services/platform/events/canonical-event.ts';
import { ReplayRunStore } from '../../services/platform/replay/replay-run-store.ts';
import { Platform } from '../../services/platform/runtime/platform.ts';
import { newShipment, typed } from '../support/consumer-fixtures.ts';
import { pickCompletedEvent } from '../support/fixtures.ts';
import { outageErp } from '../support/replay.ts';
import { provision, testLogger, testPlatformConfig, waitFor } from '../support/test-env.ts';
import { tsNodeArgs } from '../../scripts/ts-runtime/node-args.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Starts `npm run replay -- <args>` as a child process against the test prefix and ERP. */
function cli(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [...tsNodeArgs, path.join(root, 'scripts', 'replay.ts'), ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

describe('npm run replay (the command line)', () => {
  const cfg = testPlatformConfig(undefined, 'replay-cli');
  let erp: Awaited<ReturnType<typeof outageErp>>;
  let env: NodeJS.ProcessEnv;
  const events: TypedEvent[] = Array.from({ length: 12 }, () => typed('PickCompleted', pickCompletedEvent(newShipment().shipmentId)));
  before(async () => {
    await provision(cfg);
    erp = await outageErp();
    env = { LEB_TOPIC_PREFIX: cfg.topicPrefix, ERP_BASE_URL: erp.url, KAFKA_BROKERS: cfg.kafka.brokers.join(','), STATE_STORE_URL: cfg.stateStore.url, SCHEMA_REGISTRY_URL: cfg.registry.url };
    const platform = Platform.fromConfig(cfg, testLogger);
    await (await platform.eventProducer()).publish(events);
    await platform.close();
  });
  after(async () => {
    await erp?.close();
  });

  const runId = `kill-${Date.now()}`;

  it('a replay killed halfway (SIGKILL) resumes with the same run id where it stopped, repeating no side effect', async () => {
    const args = ['replay', '--consumer', 'erp-consumer', '--execute', '--rate', '4', '--run-id', runId, '--json'];
    const first = cli(args, env);
    await waitFor('a few ERP postings', () => erp.calls.length >= 4, 60_000);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    assert.equal(killed.signal, 'SIGKILL');
    const postedBeforeKill = erp.calls.length;
    assert.ok(postedBeforeKill < events.length, `killed halfway: ${postedBeforeKill} of ${events.length} posted`);
    // Non-TTY progress goes to stderr as lines.
    assert.match(killed.stderr, new RegExp(`replay ${runId}: \\d+/12`));

    const platform = Platform.fromConfig(cfg, testLogger);
    const runs = await ReplayRunStore.open(platform.stateStore());
    const stored = await runs.get(runId);
    await platform.close();
    assert.equal(stored?.status, 'running', 'the killed run is still marked running');
    const saved = stored!.positions.reduce((n, p) => n + Number(BigInt(p.next) - BigInt(p.start)), 0);
    assert.ok(saved >= postedBeforeKill - 1 && saved < events.length, `positions saved for ${saved} records`);

    const second = await cli(args, env).done;
    assert.equal(second.code, 0, second.stderr);
    const out = JSON.parse(second.stdout) as { status: string; resumed: boolean; counts: { consumers: Record<string, { calls: number; alreadyDone: number }> } };
    assert.equal(out.status, 'completed');
    assert.equal(out.resumed, true);
    for (const e of events) assert.equal(erp.postingsOf(e.event.envelope.eventId), 1, 'every event posted exactly once');
    // At most the one call in flight at the kill reaches the ERP twice, and its idempotency key makes that a no-op.
    assert.ok(erp.calls.length <= events.length + 1, `${erp.calls.length} calls for ${events.length} events`);
    const k = out.counts.consumers['erp-consumer']!;
    assert.equal(k.calls + k.alreadyDone, events.length, 'the resumed run continued from the saved positions');
  });

  it('a finished run id cannot be started again; errors are JSON with a code and exit 2', async () => {
    const again = await cli(['replay', '--consumer', 'erp-consumer', '--execute', '--run-id', runId, '--json'], env).done;
    assert.equal(again.code, 2);
    assert.equal((JSON.parse(again.stdout) as { error: { code: string } }).error.code, 'RUN_CONFLICT');
    const res = await cli(['replay', '--consumer', 'nope', '--json'], env).done;
    assert.equal(res.code, 2);
    assert.equal((JSON.parse(res.stdout) as { error: { code: string } }).error.code, 'UNKNOWN_CONSUMER');
    const bad = await cli(['replay', '--consumer', 'erp-consumer', '--from', 'last tuesday'], env).done;
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /BAD_ARGUMENT: --from: "last tuesday" is not an ISO time/);
  });

  it('shows the audit trail, human-readable and as JSON', async () => {
    const text = await cli(['audit'], env).done;
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /replay\s+completed/);
    const json = await cli(['audit', '--json'], env).done;
    const entries = JSON.parse(json.stdout) as Array<{ action: string; outcome: string; actor: string }>;
    assert.ok(entries.some((e) => e.action === 'replay' && e.outcome === 'completed'));
  });
});
