/**
 * Mutations of valid vendor JSON bodies for the bad-input battery: a few fields of a fixture
 * dropped, set to the wrong type, to huge or odd strings (unicode, NUL, lone surrogates), to
 * negative, fractional or huge numbers, or to bad dates. Each mutation says what it did, so
 * a failing case reads as "lines.0.quantityPicked := -1".
 */
import fc from 'fast-check';

/** A path into a JSON value: object keys and array indexes. */
export type JsonPath = Array<string | number>;

/** One change to a body. */
export interface JsonMutation {
  path: JsonPath;
  /** Undefined means: remove the field (or array element). */
  value: unknown;
  label: string;
}

/** Every path in a JSON value except the root, parents before children. */
export function jsonPaths(value: unknown, prefix: JsonPath = []): JsonPath[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...jsonPaths(v, [...prefix, i])]);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...jsonPaths(v, [...prefix, k])]);
  return [];
}

/** A deep copy of `body` with `mutation` applied. */
export function applyMutation(body: unknown, mutation: JsonMutation): unknown {
  const copy = structuredClone(body);
  let parent = copy as Record<string | number, unknown>;
  for (const step of mutation.path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = mutation.path.at(-1)!;
  if (mutation.value !== undefined) parent[last] = mutation.value;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

const badDates = [
  '',
  'yesterday',
  '2026-13-45T25:61:00Z',
  '2026-02-30T10:00:00Z',
  '2026-11-21',
  '2026-11-21T10:00:00',
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00Z',
  '9999-12-31T23:59:59.999999999Z',
  '1970-01-01T00:00:00Z',
  '2026-11-21T10:00:00+25:00',
  '２０２６-11-21T10:00:00Z',
];

/** Values of the wrong kind, odd strings and numbers, bad dates. */
export const oddValue: fc.Arbitrary<{ value: unknown; label: string }> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -0, {}, [], [null], { '': null }, '0', 'null', 'true').map((v) => ({ value: v, label: `wrong type ${JSON.stringify(v)}` })),
  fc.integer({ min: -1_000_000, max: -1 }).map((v) => ({ value: v, label: `negative ${v}` })),
  fc.constantFrom(0.5, -0.000001, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, 5e-324, 1e21).map((v) => ({ value: v, label: `number ${v}` })),
  fc.integer({ min: 10_000, max: 120_000 }).map((n) => ({ value: 'X'.repeat(n), label: `huge string of ${n} chars` })),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }).map((v) => ({ value: v, label: `unicode ${JSON.stringify(v)}` })),
  fc.constantFrom('\u0000', 'A\u0000B', '\ud800', 'e\u0301\u0301\u0301', '\u202eevil', '𝔘𝔫𝔦', '   ', '\n', 'ЅНР-1', '🚚'.repeat(50)).map((v) => ({ value: v, label: `odd string ${JSON.stringify(v)}` })),
  fc.constantFrom(...badDates).map((v) => ({ value: v, label: `bad date ${JSON.stringify(v)}` })),
  fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }).map((v) => ({ value: v, label: `array ${JSON.stringify(v).slice(0, 80)}` })),
);

/** One to three mutations of `body` at its own paths: drops, or odd values. */
export function mutationsOf(body: unknown): fc.Arbitrary<JsonMutation[]> {
  const paths = jsonPaths(body);
  const one = fc.tuple(fc.constantFrom(...paths), fc.option(oddValue, { freq: 4, nil: undefined })).map(
    ([path, odd]): JsonMutation => {
      const label = `${path.join('.')} ${odd ? `:= ${odd.label}` : 'dropped'}`;
      // Counterexamples print the label, not a 100 kB value.
      return { path, value: odd?.value, label, [fc.toStringMethod]: () => label } as JsonMutation;
    },
  );
  return fc.array(one, { minLength: 1, maxLength: 3 });
}

/** Applies mutations in order; a later one whose path no longer exists is skipped. */
export function applyMutations(body: unknown, mutations: JsonMutation[]): unknown {
  return mutations.reduce((b, m) => {
    let node: unknown = b;
    for (const step of m.path.slice(0, -1)) {
      if (node === null || typeof node !== 'object') return b;
      node = (node as Record<string | number, unknown>)[step];
    }
    return node !== null && typeof node === 'object' ? applyMutation(b, m) : b;
  }, body);
}
