import { setTimeout as sleep } from 'node:timers/promises';
import type { AvroEventCodec } from '../codec/avro-codec.ts';
import type { EffectLedger } from '../dedup/effect-ledger.ts';
import { BackboneError } from '../errors/backbone-error.ts';
import type { EventTypeMap, EventTypeName } from '../events/canonical-event.ts';
import { lazyChild } from '../logging/lazy-child.ts';
import type { Logger } from '../logging/logger.ts';
import { annotateEventSpan } from '../telemetry/record-span.ts';
import type { IncomingRecord } from './kafka-port.ts';

/** What a handler gets besides the typed event: record coordinates, a child logger, cancellation. */
export interface HandlerContext {
  topic: string;
  partition: number;
  offset: string;
  /** Attempt number for this event, starting at 1 (counted across instances when an idempotency ledger is used). */
  attempt: number;
  /** Kafka record timestamp (epoch millis), e.g. to tell a replayed old event from a fresh one. */
  timestamp: number;
  logger: Logger;
  /** Aborted when the consumer stops: long downstream calls should give up and be retried later. */
  signal: AbortSignal;
  /** Set when an operator's replay or redrive drives the handler instead of the live group. */
  replay?: ReplayMarker;
}

/** Marks a handler call made by a replay run or a dead-letter redrive. */
export interface ReplayMarker {
  /** The replay run (or redrive) id, as recorded in the audit log. */
  runId: string;
  kind: 'replay' | 'redrive';
}

/** What running a prepared record did: performed the side effect, or found it already done (effect ledger). */
export type EffectOutcome = 'performed' | 'already-done';

/** Typed handlers per event type; handlers never see Buffers. Types without a handler are not this consumer's business. */
export type EventHandlers = { [K in EventTypeName]?: (event: EventTypeMap[K], ctx: HandlerContext) => Promise<void> };

/** Another instance holds a live claim on this event's side effect: wait, then look again. */
export class EffectInProgress extends BackboneError {
  constructor(eventId: string) {
    super('EFFECT_IN_PROGRESS', `another instance is performing the side effect of event ${eventId}`, { retriable: true });
  }
}

/** A decoded record ready to run: `run` performs the side effect once (per the ledger). */
export interface PreparedRecord {
  eventId: string;
  eventType: string;
  /** The decoded event (reader schema). */
  event: unknown;
  shipmentId: string | null;
  logger: Logger;
  run(attempt: number): Promise<EffectOutcome>;
}

/**
 * Turns a record into a call of its typed handler: decodes writer → reader, builds the
 * context and logger, and runs the handler under the idempotency ledger when there is one.
 */
export class RecordHandler {
  constructor(
    private readonly deps: {
      name: string;
      codec: AvroEventCodec;
      handlers: EventHandlers;
      idempotency?: EffectLedger;
      rateLimit?: <T>(fn: () => Promise<T>) => Promise<T>;
    },
  ) {}

  /** The event types this consumer handles. */
  get eventTypes(): string[] {
    return Object.keys(this.deps.handlers);
  }

  /**
   * Decodes a record. Returns undefined for event types this consumer does not handle.
   * Throws DecodeError (final) or RegistryUnavailableError (retriable).
   */
  async prepare(
    record: IncomingRecord,
    log: Logger,
    signal: AbortSignal,
    heartbeat: () => Promise<void> = async () => undefined,
    replay?: ReplayMarker,
  ): Promise<PreparedRecord | undefined> {
    const { codec, handlers } = this.deps;
    // The sync forms skip two promise ticks per record once the writer schema is known.
    const peeked = codec.peekKnown(record.value) ?? (await codec.peek(record.value));
    const handler = handlers[peeked.eventType as EventTypeName] as ((e: unknown, c: HandlerContext) => Promise<void>) | undefined;
    if (!peeked.known || !handler) return undefined;
    const decoded = codec.decodeKnown(record.value) ?? (await codec.decode(record.value));
    const env = (decoded.event as { envelope: { eventId: string; correlationId: string; shipmentId: string | null } }).envelope;
    annotateEventSpan(env, decoded.eventType);
    const elog = lazyChild(log, () => ({ eventType: decoded.eventType, eventId: env.eventId, correlationId: env.correlationId, shipmentId: env.shipmentId, ...(replay ? { replayRun: replay.runId } : {}) }));
    const call = (attempt: number) =>
      handler(decoded.event, { topic: record.topic, partition: record.partition, offset: record.offset, attempt, timestamp: Number(record.timestamp), logger: elog, signal, replay });
    const once = (attempt: number) => this.runOnce(env.eventId, attempt, elog, call, signal, heartbeat);
    // The rate limiter is outside the ledger claim: a claim is held only while the call runs.
    const run = (attempt: number) => (this.deps.rateLimit ? this.deps.rateLimit(() => once(attempt)) : once(attempt));
    return { eventId: env.eventId, eventType: decoded.eventType, event: decoded.event, shipmentId: env.shipmentId, logger: elog, run };
  }

  /** Runs under the idempotency ledger, when there is one: at most one completed run per event id. */
  private async runOnce(
    eventId: string,
    attempt: number,
    log: Logger,
    run: (attempt: number) => Promise<void>,
    signal: AbortSignal,
    heartbeat: () => Promise<void>,
  ): Promise<EffectOutcome> {
    const ledger = this.deps.idempotency;
    if (!ledger) return run(attempt).then(() => 'performed');
    let claim = await ledger.claim(this.deps.name, eventId);
    // Another instance (or one that died) holds the claim: wait until it completes or its
    // lease runs out, heartbeating. This is neither a failure nor a reason to park the key.
    while (claim.outcome === 'in-progress') {
      if (signal.aborted) throw new EffectInProgress(eventId);
      log.info({ leaseUntil: claim.leaseUntil }, 'side effect claimed elsewhere: waiting');
      await sleep(Math.max(100, Math.min(2000, claim.leaseUntil.getTime() - Date.now() + 100)));
      await heartbeat();
      claim = await ledger.claim(this.deps.name, eventId);
    }
    if (claim.outcome === 'done') {
      log.info('side effect already performed for this event: skipped');
      return 'already-done';
    }
    try {
      await run(claim.attempt);
    } catch (err) {
      await ledger.release(this.deps.name, eventId).catch(() => undefined);
      throw err;
    }
    await ledger.complete(this.deps.name, eventId);
    return 'performed';
  }
}
