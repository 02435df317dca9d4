import { EffectLedger } from '../dedup/effect-ledger.ts';
import type { AdminPort, ProducerPort } from '../kafka/kafka-port.ts';
import type { Platform } from '../runtime/platform.ts';
import { AuditLog } from './audit-log.ts';
import type { ConsumerConfigBase, ConsumerHandlerSet, ConsumerRegistry } from './consumer-definition.ts';
import { UnknownConsumerError } from './replay-errors.ts';
import { ReplayRunStore } from './replay-run-store.ts';
import { ReplayRunner, type ReplayConsumer } from './replay-runner.ts';

/**
 * Everything the replay commands and the admin API share, over one Platform: admin client,
 * producer, effect ledger, run store, audit log, the runner, and the consumer registry (each
 * consumer's config comes from the environment unless given, always on this platform's settings).
 */
export class ReplayToolkit {
  private readonly built = new Map<string, ConsumerHandlerSet>();

  private constructor(
    readonly platform: Platform,
    readonly registry: ConsumerRegistry,
    readonly admin: AdminPort,
    readonly producer: ProducerPort,
    readonly ledger: EffectLedger,
    readonly runs: ReplayRunStore,
    readonly audit: AuditLog,
    readonly runner: ReplayRunner,
    private readonly configs: Record<string, ConsumerConfigBase>,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Connects admin and producer and opens the state tables; consumers are built on first use. */
  static async open(platform: Platform, registry: ConsumerRegistry, opts: { consumerConfigs?: Record<string, ConsumerConfigBase>; env?: NodeJS.ProcessEnv } = {}): Promise<ReplayToolkit> {
    const store = platform.stateStore();
    const [admin, producer, ledger, runs] = await Promise.all([platform.admin(), platform.producer(), EffectLedger.open(store), ReplayRunStore.open(store)]);
    const audit = new AuditLog({ producer, kafka: platform.kafka, admin, topic: platform.topics.audit.name });
    const runner = new ReplayRunner({ kafka: platform.kafka, admin, codec: platform.codec, ledger, runs, audit, logger: platform.logger.child({ component: 'replay' }) });
    return new ReplayToolkit(platform, registry, admin, producer, ledger, runs, audit, runner, opts.consumerConfigs ?? {}, opts.env ?? process.env);
  }

  /** The handlers of a registered consumer, built once per toolkit. */
  async consumer(name: string): Promise<ConsumerHandlerSet> {
    const def = this.registry.get(name);
    if (!def) throw new UnknownConsumerError(name, [...this.registry.keys()]);
    let set = this.built.get(name);
    if (!set) {
      const config = this.configs[name] ?? def.configFromEnv(this.env);
      set = await def.build({ ...config, platform: this.platform.config }, this.platform);
      this.built.set(name, set);
    }
    return set;
  }

  /** Replay consumers by name, in the order given. */
  async consumers(names: string[]): Promise<ReplayConsumer[]> {
    const out: ReplayConsumer[] = [];
    for (const name of names) out.push({ name, set: await this.consumer(name) });
    return out;
  }

  /** Closes what the consumers opened, then the platform's clients. */
  async close(): Promise<void> {
    for (const set of this.built.values()) await set.close?.().catch(() => undefined);
    await this.platform.close();
  }
}
