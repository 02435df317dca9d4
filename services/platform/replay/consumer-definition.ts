import type { PlatformConfig } from '../config/load-config.ts';
import type { EventHandlers } from '../kafka/record-handler.ts';
import type { Platform } from '../runtime/platform.ts';

/** What a consumer would do with one event, decided without any side effect (for replay previews). */
export type PreviewVerdict = { outcome: 'call' } | { outcome: 'held'; reason: string } | { outcome: 'filtered'; reason: string };

/**
 * Decides, read-only, what a consumer's handler would do with a decoded event it handles:
 * call the downstream, hold it back (e.g. a notification for an event too old to send), or
 * leave it alone. The effect ledger's "already done" is checked by the caller, not here.
 */
export type PreviewClassifier = (eventType: string, event: unknown, now: number) => Promise<PreviewVerdict> | PreviewVerdict;

/** A consumer's handlers over one platform: what its live group runs, and what replay and redrive drive directly. */
export interface ConsumerHandlerSet {
  handlers: EventHandlers;
  /** Wraps each handler call (the downstream's rate and concurrency limits). */
  rateLimit?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Optional preview classifier; without one every handled event counts as a call. */
  preview?: PreviewClassifier;
  /** Releases what the handlers opened (e.g. an SMTP pool); the platform itself is closed by its owner. */
  close?(): Promise<void>;
}

/** Settings every consumer has: its group and the shared platform settings. */
export interface ConsumerConfigBase {
  groupId: string;
  platform: PlatformConfig;
}

/**
 * A consumer service as tools see it: its name (the effect ledger's scope and the dead-letter
 * records' `dlq-consumer`), its default group, how to read its config, and how to build its
 * handlers without joining its Kafka group. Replay, redrive and the admin API use it.
 */
export interface ConsumerDefinition<C extends ConsumerConfigBase = ConsumerConfigBase> {
  name: string;
  defaultGroupId: string;
  configFromEnv(env: NodeJS.ProcessEnv): C;
  build(config: C, platform: Platform): Promise<ConsumerHandlerSet>;
}

/** Consumer definitions by name. */
export type ConsumerRegistry = ReadonlyMap<string, ConsumerDefinition<ConsumerConfigBase>>;

/** Builds a registry from definitions, refusing two with one name. */
export function consumerRegistry(defs: ConsumerDefinition[]): ConsumerRegistry {
  const map = new Map<string, ConsumerDefinition>();
  for (const d of defs) {
    if (map.has(d.name)) throw new Error(`two consumer definitions are named ${d.name}`);
    map.set(d.name, d);
  }
  return map;
}
