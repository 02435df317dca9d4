import { Counter, Gauge, register, type Metric } from 'prom-client';
import { BackboneError } from '../platform/errors/backbone-error.ts';
import type { PartitionLag } from '../platform/kafka/consumer-lag.ts';
import type { Logger } from '../platform/logging/logger.ts';
import type { SlaSummary, SlaTransition } from '../platform/sla/sla-store.ts';

/** Where the scrape-time gauges read from. */
export interface OpsMetricSources {
  lag: () => Promise<PartitionLag[]>;
  sla: () => Promise<SlaSummary[]>;
  ruleIds: string[];
  logger: Logger;
}

/**
 * The ops monitor's metrics on prom-client's default registry. Lag and open/breached counts
 * are read at scrape time (Kafka offsets, the SLA store), so they are right whichever
 * instance scrapes; the counters count the transitions this process made:
 * leb_sla_breaches_total once per obligation that missed its deadline (swept as breached, or
 * completed late without having been swept), leb_sla_late_total per late completion.
 */
export class OpsMetrics {
  private readonly metrics: Metric[] = [];
  private readonly breaches: Counter<'rule'>;
  private readonly late: Counter<'rule'>;

  constructor(src: OpsMetricSources) {
    const log = src.logger;
    this.add(
      new Gauge({
        name: 'leb_consumer_lag',
        help: 'Records written to a topic partition but not yet committed by a consumer group',
        labelNames: ['group', 'topic', 'partition'] as const,
        registers: [],
        async collect() {
          this.reset();
          const lag = await src.lag().catch((err: unknown) => (log.warn({ err: String(err) }, 'consumer lag unavailable for this scrape'), []));
          for (const l of lag) this.set({ group: l.groupId, topic: l.topic, partition: String(l.partition) }, l.lag);
        },
      }),
    );
    const counts = (field: 'open' | 'breached') =>
      async function (this: Gauge<'rule'>) {
        this.reset();
        const summary = await src.sla().catch((err: unknown) => (log.warn({ err: String(err) }, 'SLA counts unavailable for this scrape'), []));
        for (const s of summary) this.set({ rule: s.ruleId }, s[field]);
      };
    this.add(new Gauge({ name: 'leb_sla_open', help: 'SLA obligations open and not yet past their deadline', labelNames: ['rule'] as const, registers: [], collect: counts('open') }));
    this.add(new Gauge({ name: 'leb_sla_breached', help: 'SLA obligations still open past their deadline', labelNames: ['rule'] as const, registers: [], collect: counts('breached') }));
    this.breaches = this.add(new Counter({ name: 'leb_sla_breaches_total', help: 'SLA obligations seen to miss their deadline', labelNames: ['rule'] as const, registers: [] }));
    this.late = this.add(new Counter({ name: 'leb_sla_late_total', help: 'SLA obligations completed after their deadline', labelNames: ['rule'] as const, registers: [] }));
    // Every rule's series exists from the start, so rate() and alerts see 0 before the first breach.
    for (const rule of src.ruleIds) {
      this.breaches.inc({ rule }, 0);
      this.late.inc({ rule }, 0);
    }
  }

  private add<M extends Metric>(metric: M): M {
    const name = (metric as unknown as { name: string }).name;
    if (register.getSingleMetric(name)) {
      throw new BackboneError('METRIC_CONFLICT', `metric ${name} is already registered in this process (a second ops monitor?)`, { retriable: false });
    }
    register.registerMetric(metric);
    this.metrics.push(metric);
    return metric;
  }

  /** Counts the status changes the tracker reported. */
  count(transitions: SlaTransition[]): void {
    for (const t of transitions) {
      if (t.newlyMissed) this.breaches.inc({ rule: t.ruleId });
      if (t.status === 'late') this.late.inc({ rule: t.ruleId });
    }
  }

  /** Removes this instance's metrics from the default registry. */
  close(): void {
    for (const m of this.metrics) register.removeSingleMetric((m as unknown as { name: string }).name);
    this.metrics.length = 0;
  }
}
