import type { AdminPort } from '../../platform/kafka/kafka-port.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { partitionLags } from '../../platform/kafka/consumer-lag.ts';
import { GroupDiscovery } from './group-discovery.ts';
import { RingBuffer } from './ring-buffer.ts';

/** One topic at one sample: partitions, end offsets and produced events per second since the previous sample. */
export interface TopicSample {
  topic: string;
  partitions: Array<{ partition: number; start: number; end: number }>;
  /** Sum of end offsets: records ever written. */
  end: number;
  /** Records stored now (end minus log start). */
  stored: number;
  /** Events per second since the previous sample (undefined on the first). */
  rate?: number;
}

/** One group's lag at one sample, per topic it committed on. */
export interface GroupSample {
  groupId: string;
  lag: number;
  topics: Array<{ topic: string; lag: number; partitions: Array<{ partition: number; committed: number; end: number; lag: number }> }>;
}

/** Everything recorded at one instant. */
export interface Sample {
  at: number;
  topics: TopicSample[];
  groups: GroupSample[];
}

/**
 * Records, every interval, the end offsets of the backbone's topics (throughput = delta of
 * end offsets per second) and the total lag of each consumer group reading them, into a ring
 * buffer the console plots. Runs in the admin API process; a failed sample is logged and
 * skipped, the next one tries again.
 */
export class MetricsSampler {
  private readonly buffer: RingBuffer<Sample>;
  private readonly discovery: GroupDiscovery;
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;

  constructor(
    private readonly deps: { admin: AdminPort; logger: Logger },
    private readonly opts: { topics: string[]; lagTopics: string[]; intervalMs: number; capacity: number; groups?: string[] },
  ) {
    this.buffer = new RingBuffer(opts.capacity);
    this.discovery = new GroupDiscovery(deps.admin, opts.lagTopics, opts.groups);
  }

  /** Takes a first sample now and then one every interval. */
  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs);
    this.timer.unref();
  }

  private tick(): Promise<void> {
    // A slow sample (a busy broker) is not overlapped by the next one.
    this.inFlight ??= this.sample().then(
      () => {
        this.inFlight = undefined;
      },
      (err: unknown) => {
        this.inFlight = undefined;
        this.deps.logger.warn({ err: (err as Error).message }, 'console sample failed');
      },
    );
    return this.inFlight;
  }

  /** Takes one sample now and records it. */
  async sample(now = Date.now()): Promise<Sample> {
    const { admin } = this.deps;
    const existing = new Set(await admin.listTopics());
    const prev = this.buffer.latest();
    const topics: TopicSample[] = [];
    const offsets = new Map<string, { ends: Map<number, string>; starts: Map<number, string> }>();
    for (const topic of this.opts.topics.filter((t) => existing.has(t))) {
      const [ends, starts] = await Promise.all([admin.endOffsets(topic), admin.startOffsets(topic)]);
      offsets.set(topic, { ends, starts });
      const partitions = [...ends].sort(([a], [b]) => a - b).map(([partition, end]) => ({ partition, start: Number(starts.get(partition) ?? 0), end: Number(end) }));
      const end = partitions.reduce((n, p) => n + p.end, 0);
      const before = prev?.topics.find((t) => t.topic === topic);
      const rate = before && now > prev!.at ? Math.max(0, (end - before.end) / ((now - prev!.at) / 1000)) : undefined;
      topics.push({ topic, partitions, end, stored: partitions.reduce((n, p) => n + p.end - p.start, 0), rate });
    }
    // Discovery may take seconds on a cluster with many groups: it runs beside the samples, which use the groups found so far.
    this.discovery.refresh(now).catch((err: unknown) => this.deps.logger.warn({ err: (err as Error).message }, 'consumer group discovery failed'));
    const groups: GroupSample[] = [];
    for (const groupId of this.discovery.known()) {
      const g: GroupSample = { groupId, lag: 0, topics: [] };
      for (const t of topics.filter((x) => this.opts.lagTopics.includes(x.topic))) {
        const committed = await admin.groupOffsets(groupId, t.topic);
        if (![...committed.values()].some((o) => o !== '-1')) continue;
        const { ends, starts } = offsets.get(t.topic)!;
        const partitions = partitionLags(groupId, t.topic, ends, starts, committed).map((p) => ({ partition: p.partition, committed: Number(p.committed), end: Number(p.end), lag: p.lag }));
        const lag = partitions.reduce((n, p) => n + p.lag, 0);
        g.topics.push({ topic: t.topic, lag, partitions });
        g.lag += lag;
      }
      groups.push(g);
    }
    const s: Sample = { at: now, topics, groups };
    this.buffer.push(s);
    return s;
  }

  /** The newest sample, waiting for the first one when none was taken yet. */
  async latest(): Promise<Sample | undefined> {
    if (this.buffer.size === 0) await (this.inFlight ?? this.tick());
    return this.buffer.latest();
  }

  /** Every recorded sample, oldest first. */
  history(): Sample[] {
    return this.buffer.toArray();
  }

  get intervalMs(): number {
    return this.opts.intervalMs;
  }

  /** Stops sampling (waits for a sample in progress). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight;
  }
}
