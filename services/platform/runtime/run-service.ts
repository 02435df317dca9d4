import { BackboneError } from '../errors/backbone-error.ts';
import { startTracing, type Tracing } from '../telemetry/start-tracing.ts';
import { setServiceLabel } from '../telemetry/metrics.ts';

/** A service with an explicit lifecycle. */
export interface Lifecycle {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs a service as a process: labels its metrics with its name, builds it (config validated
 * first, so a bad setting exits with the path named), starts it, and stops it gracefully on
 * SIGTERM/SIGINT.
 */
export async function runService(name: string, build: () => Lifecycle | Promise<Lifecycle>): Promise<void> {
  setServiceLabel(name);
  let service: Lifecycle;
  let tracing: Tracing;
  try {
    // Tracing first: build() imports the service's modules, which must load after the SDK (start-tracing.ts).
    tracing = await startTracing(name);
    if (tracing.settings.enabled) process.stderr.write(`${name}: tracing on (${tracing.settings.reason}) as ${tracing.settings.serviceName}\n`);
    service = await build();
  } catch (err) {
    const msg = err instanceof BackboneError ? `${err.code}: ${err.message}` : String(err);
    process.stderr.write(`${name}: cannot start: ${msg}\n`);
    process.exit(78); // EX_CONFIG
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${name}: ${signal} received, stopping\n`);
    const timer = setTimeout(() => process.exit(1), 30_000).unref();
    await service.stop().catch((e) => process.stderr.write(`${name}: error while stopping: ${String(e)}\n`));
    await tracing.shutdown().catch(() => undefined);
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  try {
    await service.start();
  } catch (err) {
    process.stderr.write(`${name}: start failed: ${err instanceof Error ? err.message : String(err)}\n`);
    await service.stop().catch(() => undefined);
    await tracing.shutdown().catch(() => undefined);
    process.exit(1);
  }
}
