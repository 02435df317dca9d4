import type { AdminPort } from '../../platform/kafka/kafka-port.ts';

/** Timings of the re-checks of groups not (yet) known to read the backbone's topics. */
export interface DiscoveryTimings {
  /** A group this new is re-checked every `youngEveryMs` (it commits only after its first records). */
  youngMs: number;
  youngEveryMs: number;
  /** Older groups are re-checked this rarely. */
  oldEveryMs: number;
}

const defaults: DiscoveryTimings = { youngMs: 120_000, youngEveryMs: 15_000, oldEveryMs: 600_000 };

/**
 * Finds the consumer groups that read the backbone's topics: groups with committed offsets
 * on one of `topics`. A cluster may hold many groups of other systems (or of tests), so a
 * group without such offsets is re-checked often only while it is new (it commits only
 * after its first records) or, at start-up, has members; otherwise rarely. A fixed list
 * (CONSOLE_GROUPS) turns discovery off.
 */
export class GroupDiscovery {
  private readonly ours = new Set<string>();
  private readonly others = new Map<string, { firstSeen: number; checked: number }>();
  private firstPass = true;
  private running?: Promise<void>;

  constructor(
    private readonly admin: AdminPort,
    private readonly topics: string[],
    private readonly fixed?: string[],
    private readonly timings: DiscoveryTimings = defaults,
  ) {}

  private async committedOnAny(groupId: string): Promise<boolean> {
    for (const topic of this.topics) {
      const offsets = await this.admin.groupOffsets(groupId, topic);
      if ([...offsets.values()].some((o) => o !== '-1')) return true;
    }
    return false;
  }

  private due(id: string, now: number): boolean {
    if (this.ours.has(id)) return false;
    const o = this.others.get(id);
    if (!o) return true;
    const every = now - o.firstSeen < this.timings.youngMs ? this.timings.youngEveryMs : this.timings.oldEveryMs;
    return now - o.checked >= every;
  }

  /** The backbone's groups found so far (the fixed list when given), sorted. */
  known(): string[] {
    return [...(this.fixed ?? this.ours)].sort();
  }

  /** Starts a discovery pass unless one is running; resolves when it is done (failures are the caller's to log). */
  refresh(now = Date.now()): Promise<void> {
    if (this.fixed) return Promise.resolve();
    this.running ??= this.pass(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(now: number): Promise<void> {
    const ids = await this.admin.listGroups();
    const todo = ids.filter((id) => this.due(id, now));
    // A few checks at a time: hundreds of groups are classified in seconds without flooding the coordinator.
    for (let i = 0; i < todo.length; i += 8) {
      await Promise.all(
        todo.slice(i, i + 8).map(async (id) => {
          if (await this.committedOnAny(id)) {
            this.ours.add(id);
            this.others.delete(id);
          } else {
            // At start-up, only groups with members may be about to commit; idle ones are old news.
            const firstSeen = this.others.get(id)?.firstSeen ?? (!this.firstPass || (await this.admin.describeGroup(id)).members.length > 0 ? now : -Infinity);
            this.others.set(id, { firstSeen, checked: now });
          }
        }),
      );
    }
    this.firstPass = false;
    const present = new Set(ids);
    for (const id of this.ours) if (!present.has(id)) this.ours.delete(id);
    for (const id of this.others.keys()) if (!present.has(id)) this.others.delete(id);
  }
}
