/**
 * `npm test [-- <test files or folders>]`: type-checks, makes sure the embedded local stack
 * runs (starting it when it does not, and stopping it again afterwards in that case), makes
 * sure Chromium is installed for the console's browser test (scripts/ensure-chromium.ts), then
 * runs Node's built-in test runner over test/**\/*.test.ts against the real Kafka and registry.
 * The fault suite (test/faults) runs at the same time on a three-broker fault stack of its own
 * (own ports, data, registry and PostgreSQL), which it starts from empty data and stops
 * afterwards; its output is held back and printed after the main suite's, so each suite's TAP
 * summary stays whole. Run one after the other (LEB_SERIAL_SUITES=1), the two took 850 s and
 * 449 s on the 2-core CI machine, mostly waiting on brokers, group joins and outage timers.
 * `--faults` runs only the fault suite (that is `npm run test:faults`), `--no-faults` skips it.
 * LEB_STACK=external skips the dev stack and uses KAFKA_BROKERS / SCHEMA_REGISTRY_URL as given.
 * On the dev stack, the topics the main suite's tests created are deleted after it
 * (LEB_KEEP_TEST_TOPICS=1 keeps them, to look at after a failure).
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { startFaultStack } from './fault-stack.ts';
import { ensureChromium } from './ensure-chromium.ts';
import { LocalStack } from './stack/local-stack.ts';
import { deleteTestTopicsSince, testTopics } from './stack/test-topics.ts';
import { repoRoot } from './stack/stack-config.ts';
import { tsNodeArgs } from './ts-runtime/node-args.ts';

const faultsDir = path.join(repoRoot, 'test', 'faults');

function testFiles(targets: string[]): string[] {
  const roots = targets.length > 0 ? targets : ['test'];
  return roots.flatMap((t) => {
    const abs = path.resolve(repoRoot, t);
    if (statSync(abs).isFile()) return [abs];
    return (readdirSync(abs, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => path.join(abs, f))
      .sort();
  });
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const res = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit', env });
  return res.status ?? 1;
}

/**
 * Runs the test runner without blocking this process: the stack's processes are its children,
 * and a broker a fault test kills must be reaped here, or it lingers as a zombie.
 */
async function runTests(files: string[], env: NodeJS.ProcessEnv, output?: HeldOutput): Promise<number> {
  const child = spawn(process.execPath, [...tsNodeArgs, '--test', '--test-concurrency=1', ...files], { cwd: repoRoot, stdio: output ? ['ignore', 'pipe', 'pipe'] : 'inherit', env });
  child.stdout?.on('data', (chunk: Buffer) => output!.push({ to: process.stdout, chunk }));
  child.stderr?.on('data', (chunk: Buffer) => output!.push({ to: process.stderr, chunk }));
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return code ?? (signal ? 1 : 0);
}

/** A suite's output, held in arrival order to be written out after another suite's. */
type HeldOutput = Array<{ to: NodeJS.WriteStream; chunk: Buffer }>;

/**
 * Runs the fault suite's files on a fresh fault stack, stopped (and its data deleted)
 * afterwards. With `output`, the test runner's output is held there instead of printed.
 */
async function faultSuite(files: string[], output?: HeldOutput): Promise<number> {
  console.error(`[test] fault suite: ${files.length} test files on a three-broker fault stack${output ? ', beside the main suite (its output follows the main suite\'s)' : ''}`);
  const t0 = Date.now();
  const { stack, env } = await startFaultStack((l) => console.error(`[test] ${l}`));
  console.error(`[test] fault stack started in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  try {
    const code = await runTests(files, { ...process.env, ...env }, output);
    console.error(`[test] fault suite finished in ${((Date.now() - t0) / 1000).toFixed(1)} s (exit code ${code})`);
    return code;
  } finally {
    await stack.reset();
  }
}

/** Writes held output to the streams it was meant for, and waits until they took it. */
async function release(output: HeldOutput): Promise<void> {
  for (const { to, chunk } of output) {
    if (!to.write(chunk)) await once(to, 'drain');
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const onlyFaults = args.includes('--faults');
  const skipFaults = args.includes('--no-faults') || process.env.LEB_SKIP_FAULTS === '1';
  const all = testFiles(args.filter((a) => !a.startsWith('--')));
  const faultFiles = skipFaults ? [] : all.filter((f) => f.startsWith(faultsDir + path.sep));
  const files = onlyFaults ? [] : all.filter((f) => !f.startsWith(faultsDir + path.sep));
  console.error(`[test] type-checking ...`);
  if (run(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json']) !== 0) {
    console.error('[test] type errors: fix them first');
    return 1;
  }
  if (files.length === 0 || faultFiles.length === 0 || process.env.LEB_SERIAL_SUITES === '1') {
    let code = files.length > 0 ? await mainSuite(files) : 0;
    if (faultFiles.length > 0) code = (await faultSuite(faultFiles)) || code;
    return code;
  }
  // Side by side: the suites share no stack, port or data folder (private stacks in the main
  // suite take ports of their own too; see test/support/private-stack.ts).
  // The fault stack starts once the dev stack is up: a first start fetches the stack's
  // artifacts into the shared cache, and two fetches of one artifact at once would collide.
  const held: HeldOutput = [];
  let faults: Promise<number> = Promise.resolve(0);
  let mainCode: number;
  try {
    mainCode = await mainSuite(files, () => {
      faults = faultSuite(faultFiles, held).catch((err: unknown) => {
        held.push({ to: process.stderr, chunk: Buffer.from(`[test] fault suite: ${err instanceof Error ? err.message : String(err)}\n`) });
        return 1;
      });
    });
  } catch (err) {
    // Let the fault suite finish and stop its stack before this process exits.
    await faults;
    await release(held);
    throw err;
  }
  const faultCode = await faults;
  console.error('[test] fault suite output:');
  await release(held);
  return mainCode || faultCode;
}

/**
 * Runs the main suite on the dev stack (started here if it was not running); `onStackReady`
 * is called once the stack is up, before the tests start.
 */
async function mainSuite(files: string[], onStackReady?: () => void): Promise<number> {
  const env = { ...process.env };
  // The console's browser test drives Debian's chromium; install it before the stack starts, so a missing browser fails fast.
  if (files.some((f) => f.includes(`${path.sep}console`))) env.LEB_CHROMIUM = ensureChromium(env);
  let stack: LocalStack | undefined;
  let started = false;
  if (process.env.LEB_STACK !== 'external') {
    stack = new LocalStack();
    const t0 = Date.now();
    started = await stack.start();
    console.error(`[test] local stack ${started ? `started in ${((Date.now() - t0) / 1000).toFixed(1)} s` : 'already running'}`);
    env.KAFKA_BROKERS = stack.endpoints.kafkaBrokers;
    env.SCHEMA_REGISTRY_URL = stack.endpoints.schemaRegistryUrl;
    env.STATE_STORE_URL = stack.endpoints.stateStoreUrl;
  }
  const before = stack && process.env.LEB_KEEP_TEST_TOPICS !== '1' ? await testTopics(stack.config) : undefined;
  onStackReady?.();
  try {
    console.error(`[test] ${files.length} test files`);
    return await runTests(files, env);
  } finally {
    if (stack && before) await deleteRunTopics(stack, before);
    if (started && process.env.LEB_KEEP_STACK !== '1') {
      console.error('[test] stopping the stack this run started (LEB_KEEP_STACK=1 keeps it)');
      await stack!.stop();
    }
  }
}

/** Deletes the test topics created since `before`, saying how many; a failure is reported, not thrown. */
async function deleteRunTopics(stack: LocalStack, before: Set<string>): Promise<void> {
  try {
    const n = await deleteTestTopicsSince(stack.config, before);
    console.error(`[test] deleted the ${n} topics this run's tests created (LEB_KEEP_TEST_TOPICS=1 keeps them)`);
  } catch (err) {
    console.error(`[test] could not delete this run's test topics: ${err instanceof Error ? err.message : String(err)}`);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[test] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
