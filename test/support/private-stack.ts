import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalStack } from '../../scripts/stack/local-stack.ts';
import { stackConfigFromEnv } from '../../scripts/stack/stack-config.ts';

/**
 * A stack of its own for a test that stops or restarts components: own data folder and ports
 * (`base` + 9092/9093 Kafka, + 8081 registry, + 5432 PostgreSQL), the shared download cache.
 * Each such test file uses its own `base`, chosen so every port stays below Linux's ephemeral
 * range (32768+), where a client socket could hold it.
 */
export function privateStack(base: number): { stack: LocalStack; dispose(): Promise<void> } {
  const shared = stackConfigFromEnv();
  const home = mkdtempSync(path.join(tmpdir(), 'leb-stack-'));
  const stack = new LocalStack(
    stackConfigFromEnv(process.env, {
      home,
      cacheDir: shared.cacheDir,
      kafkaPort: base + 9092,
      controllerPort: base + 9093,
      registryPort: base + 8081,
      postgresPort: base + 5432,
      kafkaHeap: '512m',
      registryHeap: '384m',
    }),
    () => undefined,
  );
  return {
    stack,
    async dispose() {
      await stack.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
