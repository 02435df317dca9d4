/**
 * The battery's verdicts on the adapters: every refusal is a 4xx problem document naming the
 * problem; every acceptance is remembered; and at the end, what is on the lifecycle topic is
 * exactly the accepted events, each a well-formed canonical event that decodes through the
 * registry and fits its schema.
 */
import assert from 'node:assert/strict';
import { AvroEventCodec } from '../../../services/platform/codec/avro-codec.ts';
import { RegistryClient } from '../../../services/platform/codec/registry-client.ts';
import { partitionKeyOf, type Envelope } from '../../../services/platform/events/canonical-event.ts';
import { loadEventSchemas } from '../../../services/platform/schemas/schema-catalog.ts';
import { readTopic } from '../../support/kafka-inspect.ts';
import { recordCount } from '../../support/test-env.ts';
import type { AdapterFleet } from './adapter-fleet.ts';
import type { RawResponse } from './raw-post.ts';

const show = (res: RawResponse) => `${res.status} ${res.text.slice(0, 500)}`;

/**
 * Asserts a refusal: one of `statuses` (all 4xx), served as application/problem+json with a
 * stable code, its status, a non-empty detail and, for field validation, the field paths.
 */
export function assertProblem(res: RawResponse, statuses: readonly number[], what: string): void {
  assert.ok(statuses.includes(res.status), `${what}: expected ${statuses.join('/')}, got ${show(res)}`);
  assert.ok(res.status >= 400 && res.status < 500, `${what}: not a client error: ${show(res)}`);
  assert.match(res.contentType, /^application\/problem\+json/, `${what}: not a problem document: ${show(res)}`);
  const p = res.json as { code?: unknown; status?: unknown; detail?: unknown; issues?: unknown };
  assert.equal(typeof p?.code, 'string', `${what}: no code: ${show(res)}`);
  assert.ok((p.code as string).length > 0, `${what}: empty code`);
  assert.equal(p.status, res.status, `${what}: status in body differs: ${show(res)}`);
  assert.equal(typeof p.detail, 'string', `${what}: no detail: ${show(res)}`);
  assert.ok((p.detail as string).trim().length > 0, `${what}: empty detail`);
  if (res.status === 422) {
    assert.ok(Array.isArray(p.issues) && p.issues.length > 0, `${what}: a 422 must list its issues: ${show(res)}`);
    for (const i of p.issues as Array<{ path?: unknown; message?: unknown }>) {
      assert.equal(typeof i.path, 'string', `${what}: issue without a path: ${show(res)}`);
      assert.ok(typeof i.message === 'string' && i.message.length > 0, `${what}: issue without a message: ${show(res)}`);
    }
  }
}

/** What the adapters said across a run: accepted event ids, and answers per status. */
export class IngressOutcomes {
  /** Event id → event type, for every event an adapter answered 202 for. */
  readonly accepted = new Map<string, string>();
  readonly statuses = new Map<number, number>();

  /**
   * Notes an answer. A 202 or a 200 duplicate must list stored events (a duplicate only ones
   * accepted before); anything else must be a proper problem document.
   */
  note(res: RawResponse, what: string): void {
    this.statuses.set(res.status, (this.statuses.get(res.status) ?? 0) + 1);
    if (res.status === 202 || res.status === 200) {
      const body = res.json as { status?: string; events?: Array<{ eventId: string; eventType: string }> };
      assert.equal(body?.status, res.status === 202 ? 'accepted' : 'duplicate', `${what}: ${show(res)}`);
      assert.ok(Array.isArray(body.events) && body.events.length > 0, `${what}: an acceptance must list its events: ${show(res)}`);
      for (const e of body.events) {
        if (res.status === 202) this.accepted.set(e.eventId, e.eventType);
        else assert.ok(this.accepted.has(e.eventId), `${what}: a duplicate answered with an event never accepted: ${e.eventId}`);
      }
      return;
    }
    assertProblem(res, [400, 401, 413, 415, 422], what);
  }

  /** e.g. "202×3 400×17 422×40". */
  summary(): string {
    return [...this.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
  }
}

/** Asserts every adapter of the fleet still answers its readiness check. */
export async function assertFleetHealthy(fleet: AdapterFleet): Promise<void> {
  for (const a of fleet.adapters) {
    const res = await fetch(`${a.url}/health/ready`, { signal: AbortSignal.timeout(10_000) });
    assert.equal(res.status, 200, `${a.definition.name} is not ready after the run: ${await res.text()}`);
  }
}

/**
 * Reads the whole lifecycle topic of the fleet and asserts it holds exactly the accepted
 * events, each decoding through the registry, fitting its schema, from one of the fleet's
 * source systems, keyed by its shipment (or order).
 */
export async function auditLifecycle(fleet: AdapterFleet, outcomes: IngressOutcomes): Promise<void> {
  const topic = fleet.catalog.lifecycle.name;
  const total = await recordCount(fleet.platform, topic);
  assert.equal(total, outcomes.accepted.size, `the lifecycle topic holds ${total} records, the adapters accepted ${outcomes.accepted.size} events`);
  if (total === 0) return;
  const records = await readTopic(fleet.platform.kafka.brokers, topic, total, 60_000);
  const schemas = loadEventSchemas();
  const codec = new AvroEventCodec(new RegistryClient(fleet.platform.registry.url), schemas);
  const systems = new Set(fleet.endpoints.map((e) => e.sourceSystem));
  const seen = new Set<string>();
  for (const r of records) {
    const at = `${topic} ${r.partition}:${r.offset}`;
    const decoded = await codec.decode(r.value);
    const schema = schemas.get(decoded.eventType)!;
    const problems: string[] = [];
    assert.ok(schema.type.isValid(decoded.event, { errorHook: (p) => problems.push(p.join('.')) }), `${at}: ${decoded.eventType} does not fit its schema at ${problems.join(', ')}`);
    const env = (decoded.event as { envelope: Envelope }).envelope;
    assert.equal(env.eventType, decoded.eventType, `${at}: envelope event type`);
    assert.equal(outcomes.accepted.get(env.eventId), decoded.eventType, `${at}: event ${env.eventId} was never answered 202`);
    assert.equal(r.headers['event-id'], env.eventId, `${at}: event-id header`);
    assert.equal(r.key, partitionKeyOf(env), `${at}: key`);
    assert.ok(systems.has(env.source.system), `${at}: source system ${env.source.system}`);
    assert.ok(!Number.isNaN(env.occurredAt.getTime()) && !Number.isNaN(env.recordedAt.getTime()), `${at}: times`);
    assert.ok(!seen.has(env.eventId), `${at}: event ${env.eventId} stored twice`);
    seen.add(env.eventId);
  }
}
