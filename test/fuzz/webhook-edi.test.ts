/**
 * Bad-input battery, EDI: the carrier adapter's X12 214 and 856 fixtures with segments and
 * elements mutated, envelopes truncated, counts and control numbers wrong, delimiters
 * replaced. Each answer is a 202 of valid canonical events, a 400 MALFORMED_EDI naming the
 * segment and its position, or a 422 listing X12 paths; never a 5xx.
 */
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startAdapterFleet, type AdapterFleet } from './support/adapter-fleet.ts';
import { fuzzParams } from './support/fuzz-runs.ts';
import { heapBaseline, mb } from './support/heap-probe.ts';
import { assertFleetHealthy, assertProblem, auditLifecycle, IngressOutcomes } from './support/ingress-audit.ts';
import { x12Text } from '../support/x12-text.ts';
import { rawPost, signedHeaders } from './support/raw-post.ts';
import { withControlNumber, x12Mutation } from './support/x12-mutation.ts';

const heapBoundBytes = 64 * 1_048_576;

/** Where a malformed interchange is broken: a segment with its position, an offset, or where it ends. */
const namesPosition = /at segment \d+ \(offset \d+\)|at offset \d+|truncated|has no functional group/;

describe('fuzz: EDI X12 214 and 856 (mutated interchanges)', () => {
  let fleet: AdapterFleet;
  let heap: Awaited<ReturnType<typeof heapBaseline>>;
  const outcomes = new IngressOutcomes();
  // Control numbers unique to this run: the carrier's vendor event id contains ISA13.
  let control = randomInt(1, 900_000_000);

  before(async () => {
    fleet = await startAdapterFleet('fuzz-edi');
    heap = await heapBaseline();
  });
  after(() => fleet?.stop());

  for (const name of ['carrier X12 214', 'carrier X12 856']) {
    it(`${name}: a mutated interchange is accepted, or refused with 400 naming the position or 422 naming the element`, async () => {
      const e = fleet.endpoint(name);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...e.fixtures), fc.array(x12Mutation, { minLength: 1, maxLength: 2 }), fc.constantFrom('application/edi-x12', 'text/plain'), async (fixture, mutations, type) => {
          const text = mutations.reduce((t, m) => m.apply(t), withControlNumber(fixture, ++control));
          const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
          const res = await rawPost(e.url, bytes, { 'content-type': type, ...signedHeaders(`msg_${randomUUID()}`, bytes) });
          const what = `${name}: ${mutations.map((m) => m.label).join('; ')}`;
          outcomes.note(res, what);
          if (res.status === 202 || res.status === 200) return;
          assertProblem(res, [400, 422], what);
          if (res.status === 400) {
            assert.equal(res.json.code, 'MALFORMED_EDI', `${what}: ${res.text}`);
            assert.match(res.json.detail, namesPosition, `${what}: the 400 does not say where`);
          }
        }),
        fuzzParams(60),
      );
    });
  }

  it('stores an interchange of up to 400 transaction sets, or refuses it with 422 when its id is too long; never a 5xx', async () => {
    const e = fleet.endpoint('carrier X12 214');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 400 }), async (n) => {
        const sets = Array.from({ length: n }, (_, i) => ({
          id: '214',
          control: String(100_000_000 + i),
          segments: [`B10*PRO${i}*SHP-FUZZ-${control}-${i}*ODFL`, 'LX*1', 'AT7*X6*NS***20261125*0830*CT', 'MS1*MILWAUKEE*WI*US'],
        }));
        const bytes = new Uint8Array(Buffer.from(x12Text({ sender: 'ODFL', control: String(++control).padStart(9, '0'), sets }), 'utf8'));
        const res = await rawPost(e.url, bytes, { 'content-type': 'application/edi-x12', ...signedHeaders(`msg_${randomUUID()}`, bytes) });
        const what = `a 214 interchange of ${n} transaction sets`;
        outcomes.note(res, what);
        if (res.status !== 202) {
          assertProblem(res, [422], what);
          assert.equal(res.json.code, 'INVALID_VENDOR_EVENT_ID', `${what}: ${res.text}`);
        }
      }),
      { ...fuzzParams(3, 'heavy'), examples: [[400]] },
    );
  });

  it('leaves the adapters ready, only accepted canonical events on Kafka, and the heap bounded', async () => {
    await assertFleetHealthy(fleet);
    await auditLifecycle(fleet, outcomes);
    const growth = await heap.growth();
    console.log(`[fuzz] EDI: ${outcomes.summary()}; heap growth ${mb(growth)}`);
    assert.ok(growth < heapBoundBytes, `heap grew by ${mb(growth)} over the run (bound ${mb(heapBoundBytes)})`);
  });
});
