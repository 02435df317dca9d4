import path from 'node:path';
import { LocalStack } from './stack/local-stack.ts';
import { stackConfigFromEnv } from './stack/stack-config.ts';

/**
 * The stack the fault tests break: three Kafka nodes (replication factor 3, min.insync.replicas
 * 2), a registry and PostgreSQL of its own, in `<stack home>/faults` on ports beside the dev
 * stack's (Kafka 21092/21094/21096, registry 20081, PostgreSQL 17432), so killing a broker
 * never touches the stack a developer works on. LEB_FAULT_BROKERS=1 runs it on one node.
 * Returns the environment that points services, tests and `new LocalStack()` at it.
 */
export function faultStackEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const dev = stackConfigFromEnv(env);
  return {
    LEB_STACK_HOME: path.join(dev.home, 'faults'),
    LEB_STACK_CACHE: dev.cacheDir,
    LEB_KAFKA_PORT: '21092',
    LEB_KAFKA_CONTROLLER_PORT: '21093',
    LEB_REGISTRY_PORT: '20081',
    LEB_POSTGRES_PORT: '17432',
    LEB_KAFKA_BROKERS_COUNT: env.LEB_FAULT_BROKERS ?? '3',
    LEB_KAFKA_SECURITY: 'plaintext',
    LEB_KAFKA_HEAP: '384m',
    LEB_REGISTRY_HEAP: '384m',
  };
}

/** Starts the fault stack from empty data; returns it and the environment for its clients. */
export async function startFaultStack(say: (line: string) => void): Promise<{ stack: LocalStack; env: NodeJS.ProcessEnv }> {
  const stackEnv = faultStackEnv();
  const stack = new LocalStack(stackConfigFromEnv({ ...process.env, ...stackEnv }), (l) => say(`[fault stack] ${l}`));
  await stack.reset();
  await stack.start();
  return {
    stack,
    env: {
      ...stackEnv,
      KAFKA_BROKERS: stack.endpoints.kafkaBrokers,
      SCHEMA_REGISTRY_URL: stack.endpoints.schemaRegistryUrl,
      STATE_STORE_URL: stack.endpoints.stateStoreUrl,
    },
  };
}
