/** Options of a synthetic X12 interchange for tests. */
export interface X12TextOptions {
  /** ISA06, padded to 15. */
  sender?: string;
  /** ISA13, 9 digits. */
  control?: string;
  /** GS01 of the single functional group. */
  functionalId?: string;
  /** Transaction sets: id (ST01), control number (ST02) and body segments written with "*". */
  sets: Array<{ id: string; control: string; segments: string[] }>;
  /** Delimiters; the segments above are written with "*" and converted. */
  element?: string;
  component?: string;
  terminator?: string;
  /** Text written after each terminator (e.g. "\n"). */
  lineBreak?: string;
}

/** Builds a well-formed X12 interchange (correct SE/GE/IEA counts) for parser and mapping tests. */
export function x12Text(o: X12TextOptions): string {
  const el = o.element ?? '*';
  const comp = o.component ?? '>';
  const term = o.terminator ?? '~';
  const br = o.lineBreak ?? '\n';
  const control = o.control ?? '000000001';
  const isa = ['ISA', '00', ' '.repeat(10), '00', ' '.repeat(10), '02', (o.sender ?? 'TEST').padEnd(15), 'ZZ', 'LEBACKBONE'.padEnd(15), '261122', '1432', 'U', '00401', control, '0', 'P', comp].join(el);
  const lines = [isa, `GS*${o.functionalId ?? 'QM'}*TEST*LEBACKBONE*20261122*1432*1*X*004010`];
  for (const s of o.sets) {
    lines.push(`ST*${s.id}*${s.control}`, ...s.segments, `SE*${s.segments.length + 2}*${s.control}`);
  }
  lines.push(`GE*${o.sets.length}*1`, `IEA*1*${control}`);
  return lines.map((l, i) => (i === 0 ? l : l.replaceAll('*', el)) + term + br).join('');
}
