import { KafkaUnavailableError, asBackboneError } from '../errors/backbone-error.ts';
import { beforeDeadline } from '../retry/deadline.ts';
import type { TypedEvent } from '../events/canonical-event.ts';
import type { EventProducer } from '../kafka/event-producer.ts';
import type { Logger } from '../logging/logger.ts';
import { DeliveryLedger } from '../dedup/delivery-ledger.ts';
import type { Platform } from '../runtime/platform.ts';
import type { StateStore } from '../state/state-store.ts';
import { RawArchive } from './raw-archive.ts';
import type { AcceptResult, Delivery, StoredEvent } from './webhook-ingress.ts';

/** Timing of the pipeline. */
export interface IngestTimings {
  /** How long a request waits for Kafka's acknowledgement before answering 503 (default 10 s). */
  ackTimeoutMs: number;
  /** How long a claim on a delivery lives without renewal; renewed every half lease while its write is under way (default 60 s). */
  leaseMs: number;
}

/**
 * What an adapter does with a verified, validated delivery: claim it in the shared delivery
 * ledger (a vendor retry of a stored delivery is answered from the ledger), archive the raw
 * bytes and publish the canonical events (both acks=all), then record the result.
 * A publish that misses its deadline answers 503 but keeps its claim until Kafka settles it,
 * so the vendor's retry cannot publish a second copy.
 */
export class IngestPipeline {
  private readonly inFlight = new Set<Promise<unknown>>();

  private constructor(
    private readonly store: StateStore,
    private readonly ledger: DeliveryLedger<AcceptResult['events']>,
    private readonly archive: RawArchive,
    private readonly producer: EventProducer,
    private readonly timings: IngestTimings,
    private readonly logger: Logger,
  ) {}

  static async create(opts: { platform: Platform; logger: Logger; timings?: Partial<IngestTimings> }): Promise<IngestPipeline> {
    const timings: IngestTimings = { ackTimeoutMs: 10_000, leaseMs: 60_000, ...opts.timings };
    const store = opts.platform.stateStore();
    const ledger = await DeliveryLedger.open<StoredEvent[]>(store, { leaseMs: timings.leaseMs });
    const [producer, rawProducer] = await Promise.all([opts.platform.eventProducer(), opts.platform.producer()]);
    return new IngestPipeline(store, ledger, new RawArchive(rawProducer, opts.platform.topics), producer, timings, opts.logger);
  }

  /** Stores a delivery once; see the class comment for the protocol. */
  async accept(delivery: Delivery, events: TypedEvent[]): Promise<AcceptResult> {
    const { system } = delivery.source;
    const id = delivery.vendorEventId;
    const claim = await this.ledger.claim(system, id);
    if (claim.outcome === 'stored') return { duplicate: true, events: claim.result };
    if (claim.outcome === 'in-progress') {
      throw new KafkaUnavailableError(`delivery ${id} is still being stored by an earlier attempt; retry after ${claim.leaseUntil.toISOString()}`);
    }
    const publishing = Promise.all([
      this.archive.archive(delivery),
      // No deadline here: the request's deadline below must not abandon a write in flight.
      this.producer.publish(events, {}, { ackTimeoutMs: Infinity }),
    ]).then(async ([, published]) => {
      const stored: StoredEvent[] = published.map((p) => ({ eventId: p.eventId, eventType: p.eventType, topic: p.topic, partition: p.partition, offset: p.offset }));
      await this.ledger.complete(system, id, stored);
      return stored;
    });
    // Settle the ledger even when the request has long been answered.
    const settled = publishing.catch(async (err: unknown) => {
      const e = asBackboneError(err);
      this.logger.warn({ vendorEventId: id, code: e.code, err: e.message }, 'delivery not stored; releasing its claim');
      await this.ledger.release(system, id).catch(() => undefined);
    });
    // The claim lives as long as its write: a Kafka outage may outlast one lease.
    const renewal = setInterval(() => void this.ledger.renew(system, id).catch(() => undefined), this.timings.leaseMs / 2);
    renewal.unref();
    this.inFlight.add(settled);
    void settled.finally(() => {
      clearInterval(renewal);
      this.inFlight.delete(settled);
    });

    const stored = await beforeDeadline(publishing, this.timings.ackTimeoutMs, () => {
      throw new KafkaUnavailableError(`Kafka did not acknowledge delivery ${id} within ${this.timings.ackTimeoutMs} ms`);
    });
    return { duplicate: false, events: stored };
  }

  /** True when the state store answers. */
  storeReady(): Promise<boolean> {
    return this.store.ready();
  }

  /**
   * Waits for writes still in flight (they settle the ledger), at most `graceMs` (default: the
   * ack deadline); the platform then closes the producers and the store. Writes keep retrying
   * while Kafka is down, so without a bound a shutdown during an outage would never end. A write
   * cut off there fails when its producer closes and its claim is released (or, if the store
   * closed first, ends with its lease); the vendor, answered 503, sends it again.
   */
  async close(graceMs = this.timings.ackTimeoutMs): Promise<void> {
    await beforeDeadline(Promise.allSettled([...this.inFlight]), graceMs, () => undefined);
  }
}
