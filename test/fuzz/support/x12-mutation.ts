/**
 * Mutations of valid X12 interchanges for the bad-input battery: segments dropped, repeated,
 * swapped, inserted or cut off; elements blanked, replaced, added or removed; envelope counts
 * and control numbers made wrong; a delimiter or any character replaced. Each mutation says
 * what it did, so a failing case reads as "segment 5 (AT7) element 5 := "20261399"".
 */
import fc from 'fast-check';

/** An X12 interchange split on its own delimiters (fixtures use "*" and "~" with line breaks). */
interface X12Parts {
  element: string;
  terminator: string;
  /** Segments without terminator, in order; ISA first. */
  segments: string[][];
}

function split(text: string): X12Parts {
  // A body mutated beyond recognition still splits: the usual delimiters stand in.
  const element = text[3] ?? '*';
  const terminator = text[105] ?? '~';
  const segments = text
    .split(terminator)
    .map((s) => s.replace(/^[\r\n]+/, ''))
    .filter((s) => s.length > 0)
    .map((s) => s.split(element));
  return { element, terminator, segments };
}

const join = (p: X12Parts) => p.segments.map((s) => s.join(p.element) + p.terminator).join('\n') + '\n';

/**
 * The same interchange with a new ISA13/IEA02 control number (9 digits), so the carrier
 * adapter takes it as a new delivery (its vendor event id contains ISA13).
 */
export function withControlNumber(text: string, control: number): string {
  const n = String(control % 1_000_000_000).padStart(9, '0');
  const p = split(text);
  for (const s of p.segments) {
    if (s[0] === 'ISA') s[13] = n;
    if (s[0] === 'IEA') s[2] = n;
  }
  return join(p);
}

/** One change to an interchange; printed as its label in fast-check's counterexamples. */
export interface X12Mutation {
  label: string;
  apply(text: string): string;
}

/** A mutation that leaves a body without segments as it is, printed as its label. */
function mutation(label: string, apply: (text: string) => string): X12Mutation {
  return { label, apply: (t) => (split(t).segments.length === 0 ? t : apply(t)), [fc.toStringMethod]: () => label } as X12Mutation;
}

const oddElement = fc.oneof(
  fc.constantFrom('', ' ', '0', '-1', '99999999999999999999', '20261399', '2561', 'ZZ', '\u0000', 'É', '🚚', '*', '~', '>', 'X'.repeat(5000)),
  fc.string({ unit: 'binary-ascii', maxLength: 20 }),
  fc.stringMatching(/^[A-Z0-9]{1,12}$/),
);

/** A position as a fraction of whatever it indexes, unbiased (fast-check's doubles favour 0 and 1). */
const fraction = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);

const envelopeIds = new Set(['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA']);

/** Segment-, element-, envelope- and character-level mutations (index choices are fractions, so one arbitrary fits any fixture). */
export const x12Mutation: fc.Arbitrary<X12Mutation> = fc.oneof(
  // Content: an element of a data segment replaced, the envelope left intact (reaches the mappings).
  fc.tuple(fraction, fraction, oddElement).map(([f, g, v]) =>
    mutation(`an element of the data segment at ${f.toFixed(3)} := ${JSON.stringify(v.slice(0, 40))}`, (t: string) => {
      const p = split(t);
      const data = p.segments.filter((s) => !envelopeIds.has(s[0]!));
      const s = data[Math.floor(f * data.length)];
      if (s && s.length > 1) s[1 + Math.floor(g * (s.length - 1))] = v;
      return join(p);
    }),
  ),
  fraction.map((f) => mutation(
    `segment at ${f.toFixed(3)} dropped`,
    (t: string) => {
      const p = split(t);
      p.segments.splice(Math.floor(f * p.segments.length), 1);
      return join(p);
    },
  )),
  fraction.map((f) => mutation(
    `segment at ${f.toFixed(3)} repeated`,
    (t: string) => {
      const p = split(t);
      const i = Math.floor(f * p.segments.length);
      p.segments.splice(i, 0, [...p.segments[i]!]);
      return join(p);
    },
  )),
  fc.tuple(fraction, fraction).map(([a, b]) => mutation(
    `segments at ${a.toFixed(3)} and ${b.toFixed(3)} swapped`,
    (t: string) => {
      const p = split(t);
      const [i, j] = [Math.floor(a * p.segments.length), Math.floor(b * p.segments.length)];
      [p.segments[i], p.segments[j]] = [p.segments[j]!, p.segments[i]!];
      return join(p);
    },
  )),
  fc.tuple(fraction, fc.constantFrom('AT7', 'LX', 'MS1', 'B10', 'HL', 'SN1', 'LIN', 'REF', 'ZZZ', 'N1'), fc.array(oddElement, { maxLength: 8 })).map(
    ([f, id, els]) => mutation(
      `segment ${id}*${els.join('*').slice(0, 60)} inserted at ${f.toFixed(3)}`,
      (t: string) => {
        const p = split(t);
        p.segments.splice(Math.max(1, Math.floor(f * p.segments.length)), 0, [id, ...els]);
        return join(p);
      },
    ),
  ),
  fc.tuple(fraction, fc.integer({ min: 1, max: 12 }), fc.option(oddElement, { nil: undefined })).map(([f, n, v]) => mutation(
    `element ${n} of the segment at ${f.toFixed(3)} ${v === undefined ? 'removed' : `:= ${JSON.stringify(v.slice(0, 40))}`}`,
    (t: string) => {
      const p = split(t);
      const s = p.segments[Math.floor(f * p.segments.length)]!;
      if (v === undefined) s.splice(n, 1);
      else {
        while (s.length <= n) s.push('');
        s[n] = v;
      }
      return join(p);
    },
  )),
  fc.tuple(fc.constantFrom('SE', 'GE', 'IEA'), fc.constantFrom(1, 2), fc.oneof(fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0).map(String), fc.constantFrom('', 'X', '1e3'))).map(
    ([id, n, delta]) => mutation(
      `${id}0${n} ${/^-?\d+$/.test(delta) ? `shifted by ${delta}` : `:= ${JSON.stringify(delta)}`}`,
      (t: string) => {
        const p = split(t);
        for (const s of p.segments.filter((x) => x[0] === id)) {
          s[n] = /^-?\d+$/.test(delta) ? String(Number(s[n] ?? 0) + Number(delta)).padStart(s[n]?.length ?? 0, '0') : delta;
        }
        return join(p);
      },
    ),
  ),
  fraction.map((f) => mutation(
    `cut off at ${f.toFixed(3)} of its length`,
    (t: string) => t.slice(0, Math.floor(f * t.length)),
  )),
  fc.tuple(fraction, fc.string({ unit: 'binary', minLength: 1, maxLength: 3 })).map(([f, c]) => mutation(
    `character at ${f.toFixed(3)} := ${JSON.stringify(c)}`,
    (t: string) => {
      const i = Math.floor(f * t.length);
      return t.slice(0, i) + c + t.slice(i + 1);
    },
  )),
  fc.constantFrom('element', 'terminator').chain((which) =>
    fc.constantFrom('|', '^', 'A', ' ', '\n', '~', '*', '>').map((c) => mutation(
      `${which} separator replaced by ${JSON.stringify(c)} throughout`,
      (t: string) => t.replaceAll(which === 'element' ? t[3]! : t[105]!, c),
    )),
  ),
);
