/**
 * Bad-input battery, fields: valid vendor fixtures of every JSON endpoint with fields dropped,
 * of the wrong type, huge, odd unicode, negative, or bad dates. Each answer is a 202 whose
 * events are valid canonical events, or a 422 listing issues at the fields that were changed;
 * never a 5xx. At the end only accepted, well-formed events are on Kafka.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startAdapterFleet, type AdapterFleet } from './support/adapter-fleet.ts';
import { fuzzParams } from './support/fuzz-runs.ts';
import { heapBaseline, mb } from './support/heap-probe.ts';
import { assertFleetHealthy, assertProblem, auditLifecycle, IngressOutcomes } from './support/ingress-audit.ts';
import { applyMutations, mutationsOf, type JsonMutation } from './support/json-mutation.ts';
import { rawPost, signedHeaders } from './support/raw-post.ts';

const heapBoundBytes = 64 * 1_048_576;

/** True when a reported issue path and a mutated path concern the same field (one contains the other). */
const related = (issuePath: string, m: JsonMutation) => {
  const mp = m.path.join('.');
  // Every JSON vendor body carries its delivery id in `eventId`.
  if (issuePath === 'vendorEventId') return mp === 'eventId';
  return issuePath === '' || issuePath === mp || issuePath.startsWith(`${mp}.`) || mp.startsWith(`${issuePath}.`);
};

describe('fuzz: webhook fields (mutated vendor fixtures)', () => {
  let fleet: AdapterFleet;
  let heap: Awaited<ReturnType<typeof heapBaseline>>;
  const outcomes = new IngressOutcomes();

  before(async () => {
    fleet = await startAdapterFleet('fuzz-fields');
    heap = await heapBaseline();
  });
  after(() => fleet?.stop());

  for (const name of ['wms', 'tms', 'carrier tracking']) {
    it(`${name}: a mutated fixture is accepted as a valid event or refused with 422 naming the field`, async () => {
      const e = fleet.endpoint(name);
      const cases = fc.constantFrom(...e.fixtures).chain((text) => {
        const body = { ...(JSON.parse(text) as Record<string, unknown>), eventId: 'fresh' };
        return fc.record({ body: fc.constant(body), mutations: mutationsOf(body) });
      });
      await fc.assert(
        fc.asyncProperty(cases, async ({ body, mutations }) => {
          // A fresh vendor id per case (unless a mutation changes it), so the ledger sees new deliveries.
          const mutated = applyMutations({ ...body, eventId: `fuzz-${randomUUID()}` }, mutations);
          const bytes = new Uint8Array(Buffer.from(JSON.stringify(mutated), 'utf8'));
          const res = await rawPost(e.url, bytes, { 'content-type': 'application/json', ...signedHeaders(`msg_${randomUUID()}`, bytes) });
          const what = `${name}: ${mutations.map((m) => m.label.slice(0, 120)).join('; ')}`;
          outcomes.note(res, what);
          if (res.status === 202 || res.status === 200) return;
          assertProblem(res, [422], what);
          const issues = (res.json.issues as Array<{ path: string }>).map((i) => i.path);
          assert.ok(
            issues.some((p) => mutations.some((m) => related(p, m))),
            `${what}: the 422 names ${JSON.stringify(issues)}, none of the changed fields`,
          );
        }),
        fuzzParams(40),
      );
    });
  }

  it('leaves the adapters ready, only accepted canonical events on Kafka, and the heap bounded', async () => {
    await assertFleetHealthy(fleet);
    await auditLifecycle(fleet, outcomes);
    const growth = await heap.growth();
    console.log(`[fuzz] webhook fields: ${outcomes.summary()}; heap growth ${mb(growth)}`);
    assert.ok(growth < heapBoundBytes, `heap grew by ${mb(growth)} over the run (bound ${mb(heapBoundBytes)})`);
  });
});
