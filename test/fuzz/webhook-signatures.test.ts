/**
 * Bad-input battery, signatures and replays: every endpoint refuses a valid body with a
 * defective Standard Webhooks signature (body byte flipped, signature altered or truncated,
 * wrong secret, wrong id, moved, stale or future timestamp, missing or empty headers) with
 * 401; and a replayed delivery (the same signed request again, or the vendor re-signing it)
 * is answered from the delivery ledger without a second event on Kafka.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startAdapterFleet, type AdapterFleet, type FuzzEndpoint } from './support/adapter-fleet.ts';
import { fuzzParams } from './support/fuzz-runs.ts';
import { heapBaseline, mb } from './support/heap-probe.ts';
import { assertFleetHealthy, assertProblem, auditLifecycle, IngressOutcomes } from './support/ingress-audit.ts';
import { rawPost, signedHeaders } from './support/raw-post.ts';
import { withControlNumber } from './support/x12-mutation.ts';

const heapBoundBytes = 64 * 1_048_576;

/** A valid, new delivery for an endpoint: a fixture with a fresh vendor id (or X12 control number). */
function freshBody(e: FuzzEndpoint, fixture: string, control: number): Uint8Array {
  const text = e.format === 'x12' ? withControlNumber(fixture, control) : JSON.stringify({ ...JSON.parse(fixture), eventId: `fuzz-${randomUUID()}` });
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** One way to get the signature wrong: what is sent instead of the correctly signed request. */
interface Defect {
  label: string;
  apply(body: Uint8Array): { body: Uint8Array; headers: Record<string, string> };
}

const defect = (label: string, apply: Defect['apply']): Defect => ({ label, apply, [fc.toStringMethod]: () => label }) as Defect;
const seconds = (s: number) => new Date(Date.now() + s * 1000);

/** Signature defects; each must be refused with 401. */
const defects: fc.Arbitrary<Defect> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, mask]) =>
    defect(`body byte ${at} xor ${mask} after signing`, (body) => {
      const headers = signedHeaders(`msg_${randomUUID()}`, body);
      const changed = Uint8Array.from(body);
      if (changed.length > 0) changed[at % changed.length]! ^= mask;
      else return { body: Uint8Array.of(mask), headers };
      return { body: changed, headers };
    }),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=')).map(([at, c]) =>
    defect(`signature character ${at} := ${c}`, (body) => {
      const headers = signedHeaders(`msg_${randomUUID()}`, body);
      const sig = headers['webhook-signature']!;
      const i = 3 + (at % (sig.length - 3));
      const replaced = sig.slice(0, i) + (sig[i] === c ? (c === 'A' ? 'B' : 'A') : c) + sig.slice(i + 1);
      return { body, headers: { ...headers, 'webhook-signature': replaced } };
    }),
  ),
  fc.integer({ min: 0, max: 40 }).map((n) =>
    defect(`signature cut to ${n} characters`, (body) => {
      const headers = signedHeaders(`msg_${randomUUID()}`, body);
      return { body, headers: { ...headers, 'webhook-signature': headers['webhook-signature']!.slice(0, n) || 'v1,' } };
    }),
  ),
  fc.constantFrom('v2,', 'v1a,', 'V1,', ',', 'v1 ', '').map((prefix) =>
    defect(`signature version "${prefix}"`, (body) => {
      const headers = signedHeaders(`msg_${randomUUID()}`, body);
      return { body, headers: { ...headers, 'webhook-signature': prefix + headers['webhook-signature']!.slice(3) } };
    }),
  ),
  fc.constant(
    defect('signed with another secret', (body) => ({ body, headers: signedHeaders(`msg_${randomUUID()}`, body, { secret: `whsec_${randomBytes(24).toString('base64')}` }) })),
  ),
  fc.constant(
    defect('signature of another webhook id', (body) => ({ body, headers: { ...signedHeaders(`msg_${randomUUID()}`, body), 'webhook-id': `msg_${randomUUID()}` } })),
  ),
  fc.integer({ min: -120, max: 120 }).filter((d) => d !== 0).map((d) =>
    defect(`timestamp header moved by ${d} s after signing`, (body) => {
      const headers = signedHeaders(`msg_${randomUUID()}`, body);
      return { body, headers: { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) + d) } };
    }),
  ),
  // Clear of the 5-minute tolerance by 10 s, so a slow machine cannot make a case pass.
  fc.integer({ min: 310, max: 400_000_000 }).chain((s) =>
    fc.constantFrom(
      defect(`signed ${s} s in the past`, (body) => ({ body, headers: signedHeaders(`msg_${randomUUID()}`, body, { at: seconds(-s) }) })),
      defect(`signed ${s} s in the future`, (body) => ({ body, headers: signedHeaders(`msg_${randomUUID()}`, body, { at: seconds(s) }) })),
    ),
  ),
  fc.subarray(['webhook-id', 'webhook-timestamp', 'webhook-signature'], { minLength: 1 }).chain((names) =>
    fc.constantFrom(
      defect(`without ${names.join(', ')}`, (body) => {
        const headers = signedHeaders(`msg_${randomUUID()}`, body);
        for (const n of names) delete headers[n];
        return { body, headers };
      }),
      defect(`empty ${names.join(', ')}`, (body) => {
        const headers = signedHeaders(`msg_${randomUUID()}`, body);
        for (const n of names) headers[n] = '';
        return { body, headers };
      }),
    ),
  ),
  fc.constantFrom('abc', '-1', '0', '1e10', '99999999999999999999', ' ').map((ts) =>
    defect(`timestamp header "${ts}"`, (body) => ({ body, headers: { ...signedHeaders(`msg_${randomUUID()}`, body), 'webhook-timestamp': ts } })),
  ),
  fc.array(fc.base64String({ minLength: 4, maxLength: 44 }), { minLength: 2, maxLength: 5 }).map((sigs) =>
    defect(`${sigs.length} wrong signatures`, (body) => ({ body, headers: { ...signedHeaders(`msg_${randomUUID()}`, body), 'webhook-signature': sigs.map((s) => `v1,${s}`).join(' ') } })),
  ),
);

describe('fuzz: webhook signatures and replays', () => {
  let fleet: AdapterFleet;
  let heap: Awaited<ReturnType<typeof heapBaseline>>;
  const outcomes = new IngressOutcomes();
  let control = randomInt(1, 900_000_000);

  before(async () => {
    fleet = await startAdapterFleet('fuzz-signatures');
    heap = await heapBaseline();
  });
  after(() => fleet?.stop());

  const endpointWithBody = () =>
    fc.constantFrom(...fleet.endpoints).chain((e) =>
      fc.record({
        e: fc.constant(e),
        fixture: fc.constantFrom(...e.fixtures),
        bytes: fc.option(fc.uint8Array({ minLength: 1, maxLength: 512 }), { freq: 3, nil: undefined }),
      }),
    );

  it('refuses a defective signature with 401, on a valid body or on any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(endpointWithBody(), defects, async ({ e, fixture, bytes }, d) => {
        const valid = bytes ?? freshBody(e, fixture, ++control);
        const sent = d.apply(valid);
        const res = await rawPost(e.url, sent.body, { 'content-type': e.contentType, ...sent.headers });
        const what = `${e.name}: ${d.label} (${bytes ? `${bytes.length} random bytes` : 'valid body'})`;
        outcomes.note(res, what);
        assertProblem(res, [401], what);
        assert.equal(res.json.code, 'SIGNATURE_INVALID', what);
      }),
      fuzzParams(80),
    );
  });

  it('answers a replayed delivery from the ledger: one 202, then 200 with the same events, nothing new on Kafka', async () => {
    await fc.assert(
      fc.asyncProperty(
        endpointWithBody(),
        fc.array(fc.constantFrom('same signed request', 're-signed by the vendor'), { minLength: 1, maxLength: 3 }),
        async ({ e, fixture }, replays) => {
          const body = freshBody(e, fixture, ++control);
          const headers = { 'content-type': e.contentType, ...signedHeaders(`msg_${randomUUID()}`, body) };
          const first = await rawPost(e.url, body, headers);
          outcomes.note(first, `${e.name}: first delivery`);
          assert.equal(first.status, 202, `${e.name}: ${first.text}`);
          for (const how of replays) {
            const again = await rawPost(e.url, body, how === 'same signed request' ? headers : { 'content-type': e.contentType, ...signedHeaders(`msg_${randomUUID()}`, body, { at: seconds(randomInt(-200, 200)) }) });
            outcomes.note(again, `${e.name}: ${how}`);
            assert.equal(again.status, 200, `${e.name}: ${how}: ${again.text}`);
            assert.deepEqual(again.json.events, first.json.events, `${e.name}: ${how} answered with other events`);
          }
        },
      ),
      fuzzParams(15),
    );
  });

  it('leaves the adapters ready, only accepted canonical events on Kafka, and the heap bounded', async () => {
    await assertFleetHealthy(fleet);
    await auditLifecycle(fleet, outcomes);
    const growth = await heap.growth();
    console.log(`[fuzz] signatures: ${outcomes.summary()}; heap growth ${mb(growth)}`);
    assert.ok(growth < heapBoundBytes, `heap grew by ${mb(growth)} over the run (bound ${mb(heapBoundBytes)})`);
  });
});
