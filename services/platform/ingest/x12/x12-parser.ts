import { MalformedInputError } from '../../errors/backbone-error.ts';
import type { X12FunctionalGroup, X12Interchange, X12Segment, X12Separators, X12TransactionSet } from './x12-interchange.ts';

/** Widths of ISA01…ISA16: the ISA segment is fixed-width, 106 characters with its terminator. */
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;
const ISA_LENGTH = 106;

function malformed(message: string): MalformedInputError {
  return new MalformedInputError('MALFORMED_EDI', `X12 ${message}`);
}

function at(seg: Pick<X12Segment, 'id' | 'index' | 'offset'>, message: string): MalformedInputError {
  return malformed(`${seg.id} at segment ${seg.index} (offset ${seg.offset}): ${message}`);
}

const show = (c: string | undefined) => (c === undefined ? 'end of body' : JSON.stringify(c));
const isDelimiterChar = (c: string) => !/[A-Za-z0-9 ]/.test(c);

/** Reads the fixed-width ISA: its separators and its 16 elements. */
function readIsa(text: string, start: number): { separators: X12Separators; fields: string[] } {
  if (!text.startsWith('ISA', start)) {
    throw malformed(`body is not an interchange: expected "ISA" at offset ${start}, found ${show(text.slice(start, start + 3) || undefined)}`);
  }
  if (text.length - start < ISA_LENGTH) {
    throw malformed(`ISA at segment 1 (offset ${start}): truncated, the fixed-width ISA needs ${ISA_LENGTH} characters, the body has ${text.length - start}`);
  }
  const element = text[start + 3]!;
  if (!isDelimiterChar(element)) throw malformed(`ISA at segment 1 (offset ${start}): element separator ${show(element)} at position 3 must not be a letter, digit or space`);
  const fields: string[] = [];
  let pos = start + 3;
  for (let i = 0; i < ISA_WIDTHS.length; i++) {
    if (text[pos] !== element) {
      throw malformed(
        `ISA at segment 1 (offset ${start}): expected the element separator ${show(element)} before ISA${String(i + 1).padStart(2, '0')} at position ${pos - start}, found ${show(text[pos])} (ISA elements are fixed-width)`,
      );
    }
    fields.push(text.slice(pos + 1, pos + 1 + ISA_WIDTHS[i]!));
    pos += 1 + ISA_WIDTHS[i]!;
  }
  const component = fields[15]!;
  const segment = text[start + ISA_LENGTH - 1]!;
  for (const [name, c] of [['component separator (ISA16)', component], ['segment terminator (after ISA16)', segment]] as const) {
    if (!isDelimiterChar(c) || c === element) throw malformed(`ISA at segment 1 (offset ${start}): ${name} ${show(c)} must differ from the element separator and not be a letter, digit or space`);
  }
  if (component === segment) throw malformed(`ISA at segment 1 (offset ${start}): component separator and segment terminator are both ${show(segment)}`);
  const checks: Array<[number, RegExp, string]> = [
    [9, /^\d{6}$/, 'date YYMMDD'],
    [10, /^\d{4}$/, 'time HHMM'],
    [12, /^\d{5}$/, 'version, 5 digits'],
    [13, /^\d{9}$/, 'control number, 9 digits'],
    [14, /^[01]$/, 'acknowledgment requested, 0 or 1'],
    [15, /^[PTI]$/, 'usage indicator P, T or I'],
  ];
  for (const [n, re, what] of checks) {
    const v = fields[n - 1]!;
    if (!re.test(v)) throw malformed(`ISA at segment 1 (offset ${start}): ISA${String(n).padStart(2, '0')} ${JSON.stringify(v)} is not a valid ${what}`);
  }
  return { separators: { element, component, segment }, fields };
}

/** Splits the body after the ISA into segments; a missing final terminator means a truncated body. */
function* segmentsAfterIsa(text: string, from: number, sep: X12Separators): Generator<X12Segment> {
  // Line breaks after terminators are layout, unless a line break is itself the terminator.
  const skip = sep.segment === '\n' || sep.segment === '\r' ? /[ \t]/ : /[\r\n \t]/;
  let pos = from;
  let index = 1;
  for (;;) {
    while (pos < text.length && skip.test(text[pos]!)) pos++;
    if (pos >= text.length) return;
    const end = text.indexOf(sep.segment, pos);
    const raw = end < 0 ? text.slice(pos) : text.slice(pos, end);
    const parts = raw.split(sep.element);
    const id = parts[0]!;
    const seg: X12Segment = { id, elements: parts.slice(1), index: ++index, offset: pos };
    if (end < 0) throw at({ ...seg, id: id.slice(0, 3) || '(empty)' }, `truncated: ${JSON.stringify(raw.slice(0, 40))} has no segment terminator ${show(sep.segment)}`);
    if (!/^[A-Z][A-Z0-9]{1,2}$/.test(id)) throw at({ ...seg, id: JSON.stringify(id.slice(0, 10)) }, 'not a segment id (2-3 upper-case letters or digits)');
    yield seg;
    pos = end + 1;
  }
}

const count = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : NaN);

/**
 * Parses one X12 interchange strictly: the delimiters come from the ISA (element separator at
 * position 3, component separator ISA16, segment terminator right after it), and every
 * envelope is checked (ISA/IEA, GS/GE, ST/SE nesting, counts and control numbers).
 * Any violation throws MalformedInputError("MALFORMED_EDI") naming the segment, its position
 * and the problem (answered 400). It does not check transaction-set content.
 */
export function parseX12(text: string): X12Interchange {
  let start = 0;
  while (start < text.length && /[\uFEFF\s]/.test(text[start]!)) start++;
  const { separators, fields } = readIsa(text, start);
  const f = (n: number) => fields[n - 1]!;
  const groups: X12FunctionalGroup[] = [];
  let group: X12FunctionalGroup | undefined;
  let set: X12TransactionSet | undefined;
  let ieaSeen = false;
  const el = (seg: X12Segment, n: number) => seg.elements[n - 1] ?? '';

  for (const seg of segmentsAfterIsa(text, start + ISA_LENGTH, separators)) {
    if (ieaSeen) throw at(seg, 'data after IEA, the end of the interchange');
    switch (seg.id) {
      case 'ISA':
        throw at(seg, 'a second ISA: one request carries one interchange');
      case 'GS': {
        if (set) throw at(seg, `GS inside transaction set ${set.controlNumber}: its SE is missing`);
        if (group) throw at(seg, `GS before the GE of group ${group.controlNumber}`);
        if (!/^\d{1,9}$/.test(el(seg, 6))) throw at(seg, `GS06 group control number ${JSON.stringify(el(seg, 6))} must be 1-9 digits`);
        group = {
          functionalId: el(seg, 1),
          senderCode: el(seg, 2),
          receiverCode: el(seg, 3),
          date: el(seg, 4),
          time: el(seg, 5),
          controlNumber: el(seg, 6),
          version: el(seg, 8),
          transactionSets: [],
        };
        break;
      }
      case 'GE': {
        if (set) throw at(seg, `GE inside transaction set ${set.controlNumber}: its SE is missing`);
        if (!group) throw at(seg, 'GE without a GS');
        const n = group.transactionSets.length;
        if (count(el(seg, 1)) !== n) throw at(seg, `GE01 says ${JSON.stringify(el(seg, 1))} transaction sets, group ${group.controlNumber} has ${n}`);
        if (el(seg, 2) !== group.controlNumber) throw at(seg, `GE02 ${JSON.stringify(el(seg, 2))} does not match GS06 ${JSON.stringify(group.controlNumber)}`);
        groups.push(group);
        group = undefined;
        break;
      }
      case 'ST': {
        if (!group) throw at(seg, 'ST outside a functional group (no GS before it)');
        if (set) throw at(seg, `ST before the SE of transaction set ${set.controlNumber}`);
        if (!/^\d{3}$/.test(el(seg, 1))) throw at(seg, `ST01 ${JSON.stringify(el(seg, 1))} is not a transaction set identifier (3 digits)`);
        if (!/^[A-Za-z0-9]{4,9}$/.test(el(seg, 2))) throw at(seg, `ST02 control number ${JSON.stringify(el(seg, 2))} must be 4-9 letters or digits`);
        set = { id: el(seg, 1), controlNumber: el(seg, 2), segments: [], header: seg };
        break;
      }
      case 'SE': {
        if (!set || !group) throw at(seg, 'SE without an ST');
        const n = set.segments.length + 2;
        if (count(el(seg, 1)) !== n) throw at(seg, `SE01 says ${JSON.stringify(el(seg, 1))} segments, transaction set ${set.controlNumber} has ${n} (ST and SE included)`);
        if (el(seg, 2) !== set.controlNumber) throw at(seg, `SE02 ${JSON.stringify(el(seg, 2))} does not match ST02 ${JSON.stringify(set.controlNumber)}`);
        group.transactionSets.push(set);
        set = undefined;
        break;
      }
      case 'IEA': {
        if (set) throw at(seg, `IEA inside transaction set ${set.controlNumber}: its SE is missing`);
        if (group) throw at(seg, `IEA inside group ${group.controlNumber}: its GE is missing`);
        if (count(el(seg, 1)) !== groups.length) throw at(seg, `IEA01 says ${JSON.stringify(el(seg, 1))} functional groups, the interchange has ${groups.length}`);
        if (el(seg, 2) !== f(13)) throw at(seg, `IEA02 ${JSON.stringify(el(seg, 2))} does not match ISA13 ${JSON.stringify(f(13))}`);
        ieaSeen = true;
        break;
      }
      default:
        if (!set) throw at(seg, 'data segment outside a transaction set (no ST before it)');
        set.segments.push(seg);
    }
  }
  if (!ieaSeen) {
    const open = set ? `inside transaction set ${set.controlNumber} (no SE)` : group ? `inside group ${group.controlNumber} (no GE)` : 'without IEA';
    throw malformed(`truncated: the interchange ${f(13)} ends ${open}${open.startsWith('without') ? '' : ' and has no IEA'}`);
  }
  if (groups.length === 0) throw malformed(`interchange ${f(13)} has no functional group`);
  return {
    separators,
    senderQualifier: f(5),
    senderId: f(6).trim(),
    receiverQualifier: f(7),
    receiverId: f(8).trim(),
    date: f(9),
    time: f(10),
    version: f(12),
    controlNumber: f(13),
    usage: f(15),
    groups,
  };
}
