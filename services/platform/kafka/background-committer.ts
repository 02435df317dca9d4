/** One partition's next offset to read, as a consumer group commits it. */
export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Commits consumer offsets off the processing path: `offer` records a partition's next offset
 * and returns at once; one commit request at a time carries the latest offset of every
 * partition offered since the previous one.
 *
 * Why: kafkajs fetches again only after every batch of the previous fetch was handled, so an
 * awaited commit per batch (one round trip each, partitions in turn) set the fetch cycle, and
 * with it the delivery delay: about 40 ms per cycle at 1,000 events/s over 6 partitions on
 * the dev machine, against about 1 ms with commits in the background.
 *
 * Offsets are still committed only after the records before them were handled, so delivery
 * stays at-least-once: a crash or rebalance
 * replays what was handled but not yet committed (a failed commit is superseded by the next;
 * the effect ledger absorbs the replay). `flush` waits for everything offered so far.
 */
export class BackgroundCommitter {
  private readonly pending = new Map<string, PartitionOffset>();
  private running: Promise<void> | undefined;

  /** `commit` sends one commit request; `onError` hears about a failed one (it is not retried). */
  constructor(
    private readonly commit: (offsets: PartitionOffset[]) => Promise<void>,
    private readonly onError: (err: unknown, offsets: PartitionOffset[]) => void,
  ) {}

  /** Schedules `offset` (the next one to read) for commit; a later offer of the same partition replaces it. */
  offer(offset: PartitionOffset): void {
    // The latest offer wins: a partition is handled in order, and after a seek the older offset is the right one.
    this.pending.set(`${offset.topic}\u0000${offset.partition}`, offset);
    this.running ??= this.drain();
  }

  /** Forgets offsets of partitions this member no longer owns (after a rebalance). */
  retainOnly(owned: (topic: string, partition: number) => boolean): void {
    for (const [key, o] of this.pending) if (!owned(o.topic, o.partition)) this.pending.delete(key);
  }

  /** Resolves once every offset offered before the call was sent (successfully or not). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.size > 0) {
        const batch = [...this.pending.values()];
        this.pending.clear();
        try {
          await this.commit(batch);
        } catch (err) {
          this.onError(err, batch);
        }
      }
    } finally {
      this.running = undefined;
    }
  }
}
