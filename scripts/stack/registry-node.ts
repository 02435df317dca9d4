import path from 'node:path';
import { registryKafkaOptions } from './kafka-broker-security.ts';
import { javaBinary } from './prerequisites.ts';
import { startDetached, waitUntil, type ManagedProcess } from './processes.ts';
import { endpointsOf, stackPaths, type StackConfig } from './stack-config.ts';

/** The Apicurio Registry process of a stack. */
export function registryProcess(cfg: StackConfig): ManagedProcess {
  const p = stackPaths(cfg);
  return {
    name: 'registry',
    marker: 'apicurio-registry-app',
    pidFile: path.join(p.run, 'registry.pid'),
    logFile: path.join(p.logs, 'registry.log'),
  };
}

/** True when the registry reports itself ready. */
export async function registryReady(cfg: StackConfig): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${cfg.registryPort}/health/ready`, { signal: AbortSignal.timeout(2000) });
  return res.ok;
}

/**
 * Sets the global compatibility rule through the Confluent-compatible API (Apicurio's own
 * default is NONE, which would let a breaking schema in).
 */
export async function setGlobalCompatibility(cfg: StackConfig, level = 'BACKWARD'): Promise<void> {
  const res = await fetch(`${endpointsOf(cfg).schemaRegistryUrl}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility: level }),
  });
  if (!res.ok) throw new Error(`setting the registry's global compatibility to ${level} failed: HTTP ${res.status} ${await res.text()}`);
}

/**
 * Starts Apicurio Registry with `kafkasql` storage: schemas live in the compacted
 * `kafkasql-journal` topic of the same broker (like Confluent's `_schemas`), so schema ids
 * survive restarts and are reset together with the events they describe. On a secured stack it
 * logs in as the `registry` principal over SASL_SSL (see `registryKafkaOptions`).
 */
export async function startRegistry(cfg: StackConfig, jar: string): Promise<void> {
  const proc = registryProcess(cfg);
  const started = startDetached(
    proc,
    javaBinary(),
    [
      '-Xms128m',
      `-Xmx${cfg.registryHeap}`,
      '-Djava.awt.headless=true',
      '-Dquarkus.http.host=127.0.0.1',
      `-Dquarkus.http.port=${cfg.registryPort}`,
      '-Dapicurio.storage.kind=kafkasql',
      `-Dapicurio.kafkasql.bootstrap.servers=${endpointsOf(cfg).kafkaBrokers}`,
      ...registryKafkaOptions(cfg),
      '-jar',
      jar,
    ],
    path.dirname(jar),
  );
  await waitUntil(proc, started, 'ready (/health/ready)', () => registryReady(cfg), 180_000);
  await setGlobalCompatibility(cfg);
}
