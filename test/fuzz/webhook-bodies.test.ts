/**
 * Bad-input battery, webhook bodies: arbitrary bytes (signed and unsigned, any media type),
 * bodies over the size limit (with and without Content-Length), and deeply nested JSON, at
 * every adapter endpoint. Each gets a 4xx problem document; nothing invalid reaches Kafka;
 * the adapters stay ready; the heap does not grow with the run.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { fleetMaxBodyBytes, startAdapterFleet, type AdapterFleet, type FuzzEndpoint } from './support/adapter-fleet.ts';
import { fuzzParams } from './support/fuzz-runs.ts';
import { heapBaseline, mb } from './support/heap-probe.ts';
import { assertFleetHealthy, assertProblem, auditLifecycle, IngressOutcomes } from './support/ingress-audit.ts';
import { rawPost, signedHeaders } from './support/raw-post.ts';

/** Heap growth allowed over the whole file: generous, it only has to catch per-request retention. */
const heapBoundBytes = 64 * 1_048_576;

describe('fuzz: webhook bodies (random bytes, oversize, deep nesting)', () => {
  let fleet: AdapterFleet;
  let heap: Awaited<ReturnType<typeof heapBaseline>>;
  const outcomes = new IngressOutcomes();

  before(async () => {
    fleet = await startAdapterFleet('fuzz-bodies');
    heap = await heapBaseline();
  });
  after(() => fleet?.stop());

  const endpointArb = () => fc.constantFrom(...fleet.endpoints);
  const mediaType = (e: FuzzEndpoint) =>
    fc.oneof(
      fc.constant(e.contentType),
      fc.constantFrom('application/json', 'application/edi-x12', 'text/plain', 'application/octet-stream', 'application/x-www-form-urlencoded', ''),
      fc.stringMatching(/^[a-z]{1,12}\/[a-z0-9.+-]{1,20}(; ?charset=[a-z0-9-]{1,10})?$/),
    );
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 4096 }),
    fc.string({ unit: 'binary', maxLength: 2048 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
    fc.json({ maxDepth: 6 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
  );

  it('answers arbitrary bytes with 401 unsigned, else a 4xx problem, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        endpointArb().chain((e) => fc.record({ e: fc.constant(e), type: mediaType(e), body: bytes, signed: fc.boolean() })),
        async ({ e, type, body, signed }) => {
          const headers: Record<string, string> = { 'content-type': type, ...(signed ? signedHeaders(`msg_${randomUUID()}`, body) : {}) };
          const res = await rawPost(e.url, body, headers);
          outcomes.note(res, `${e.name}, ${body.length} random bytes as "${type}"`);
          if (!signed) assertProblem(res, [401], `${e.name}: unsigned bytes`);
          else assert.notEqual(res.status, 401, `${e.name}: a valid signature was refused: ${res.text}`);
        },
      ),
      fuzzParams(60),
    );
  });

  it('answers a body over the size limit with 413, with or without Content-Length', async () => {
    await fc.assert(
      fc.asyncProperty(
        endpointArb(),
        fc.integer({ min: fleetMaxBodyBytes + 1, max: fleetMaxBodyBytes * 4 }),
        fc.integer({ min: 0, max: 255 }),
        fc.boolean(),
        fc.boolean(),
        async (e, size, fill, chunked, signed) => {
          const body = new Uint8Array(size).fill(fill);
          const headers: Record<string, string> = { 'content-type': e.contentType, ...(signed ? signedHeaders(`msg_${randomUUID()}`, body) : {}) };
          const payload = chunked
            ? new ReadableStream<Uint8Array>({
                start(c) {
                  for (let off = 0; off < size; off += 16_384) c.enqueue(body.subarray(off, off + 16_384));
                  c.close();
                },
              })
            : body;
          const res = await rawPost(e.url, payload, headers);
          outcomes.note(res, `${e.name}: ${size} bytes${chunked ? ' chunked' : ''}`);
          assertProblem(res, [413], `${e.name}: ${size} bytes`);
          assert.equal(res.json.code, 'BODY_TOO_LARGE');
        },
      ),
      fuzzParams(8, 'heavy'),
    );
  });

  /** A JSON value nested `depth` levels deep, of one of three shapes, optionally left unclosed. */
  const nested = (depth: number, shape: 'array' | 'object' | 'mixed', closed: boolean): string => {
    const open = shape === 'array' ? '[' : shape === 'object' ? '{"a":' : '[{"a":';
    const close = shape === 'array' ? ']' : shape === 'object' ? '}' : '}]';
    const levels = shape === 'mixed' ? Math.floor(depth / 2) : depth;
    return open.repeat(levels) + (shape === 'array' ? '' : '1') + (closed ? close.repeat(levels) : '');
  };
  const perLevel = { array: 2, object: 6, mixed: 8 } as const;

  it('answers deeply nested JSON (up to 100k levels) with 400 or 422, or ignores it in an unknown field', async () => {
    const jsonEndpoints = () => fleet.endpoints.filter((e) => e.format === 'json');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...jsonEndpoints()),
        fc.constantFrom('array', 'object', 'mixed') as fc.Arbitrary<'array' | 'object' | 'mixed'>,
        fc.integer({ min: 1_000, max: 100_000 }),
        fc.boolean(),
        fc.constantFrom('whole body', 'known field', 'unknown field'),
        async (e, shape, depth, closed, where) => {
          // Deep enough to matter, small enough to stay under the body limit.
          const d = Math.min(depth, Math.floor((fleetMaxBodyBytes - 4096) / perLevel[shape]));
          const deep = nested(d, shape, closed);
          const fixture = JSON.parse(e.fixtures[0]!) as Record<string, unknown>;
          const field = where === 'known field' ? Object.keys(fixture).find((k) => k !== 'eventType' && k !== 'eventId')! : 'zzDeep';
          const rest: Record<string, unknown> = { ...fixture, eventId: `fuzz-${randomUUID()}` };
          delete rest[field];
          const text = where === 'whole body' ? deep : `${JSON.stringify(rest).slice(0, -1)},"${field}":${deep}}`;
          const body = new Uint8Array(Buffer.from(text, 'utf8'));
          const res = await rawPost(e.url, body, { 'content-type': 'application/json', ...signedHeaders(`msg_${randomUUID()}`, body) });
          const what = `${e.name}: ${d} levels of ${shape} JSON in the ${where}${closed ? '' : ', unclosed'}`;
          outcomes.note(res, what);
          if (!closed) assertProblem(res, [400], what);
          // An unknown field is ignored like any other: the rest of the valid fixture is accepted.
          else if (where === 'unknown field') assert.equal(res.status, 202, `${what}: ${res.text}`);
          else assertProblem(res, [422], what);
        },
      ),
      {
        ...fuzzParams(8, 'heavy'),
        examples: [
          [fleet.endpoint('wms'), 'array', 100_000, true, 'whole body'],
          [fleet.endpoint('tms'), 'object', 100_000, true, 'known field'],
        ],
      },
    );
  });

  it('leaves the adapters ready, only accepted canonical events on Kafka, and the heap bounded', async () => {
    await assertFleetHealthy(fleet);
    await auditLifecycle(fleet, outcomes);
    const growth = await heap.growth();
    console.log(`[fuzz] webhook bodies: ${outcomes.summary()}; heap growth ${mb(growth)}`);
    assert.ok(growth < heapBoundBytes, `heap grew by ${mb(growth)} over the run (bound ${mb(heapBoundBytes)})`);
  });
});
