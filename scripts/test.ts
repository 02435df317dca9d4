/**
 * `npm test [-- <test files or folders>]`: type-checks, makes sure the embedded local stack
 * runs (starting it when it does not, and stopping it again afterwards in that case), then
 * runs Node's built-in test runner over test/**\/*.test.ts against the real Kafka and registry.
 * LEB_STACK=external skips the stack and uses KAFKA_BROKERS / SCHEMA_REGISTRY_URL as given.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { LocalStack } from './stack/local-stack.ts';
import { repoRoot } from './stack/stack-config.ts';

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

async function main(): Promise<number> {
  const files = testFiles(process.argv.slice(2));
  console.error(`[test] type-checking ...`);
  if (run(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json']) !== 0) {
    console.error('[test] type errors: fix them first');
    return 1;
  }
  const env = { ...process.env };
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
  try {
    console.error(`[test] ${files.length} test files`);
    return run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], env);
  } finally {
    if (started && process.env.LEB_KEEP_STACK !== '1') {
      console.error('[test] stopping the stack this run started (LEB_KEEP_STACK=1 keeps it)');
      await stack!.stop();
    }
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[test] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
