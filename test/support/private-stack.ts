import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalStack } from '../../scripts/stack/local-stack.ts';
import { stackConfigFromEnv, type KafkaSecurityMode } from '../../scripts/stack/stack-config.ts';

/** Options of a private stack: its Kafka mode (default: one plaintext node, like the shared stack). */
export interface PrivateStackOptions {
  /** Kafka nodes (3: the cluster mode; node n on base + 9092 + 2(n-1)). */
  brokers?: number;
  security?: KafkaSecurityMode;
}

/**
 * A stack of its own for a test that stops or restarts components: own data folder and ports
 * (`base` + 9092/9093 Kafka, + 8081 registry, + 5432 PostgreSQL), the shared download cache.
 * Each such test file uses its own `base`, chosen so every port stays below Linux's ephemeral
 * range (32768+), where a client socket could hold it. `opts` selects the cluster or the secured
 * mode; a three-node stack gives each broker a smaller heap.
 */
export function privateStack(base: number, opts: PrivateStackOptions = {}): { stack: LocalStack; dispose(): Promise<void> } {
  const brokers = opts.brokers ?? 1;
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
      kafkaHeap: brokers > 1 ? '320m' : '512m',
      registryHeap: '384m',
      kafkaNodes: brokers,
      kafkaSecurity: opts.security ?? 'plaintext',
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
