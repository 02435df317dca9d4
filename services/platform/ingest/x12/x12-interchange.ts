/**
 * The parsed shape of an ASC X12 interchange: ISA … IEA around functional groups (GS … GE)
 * around transaction sets (ST … SE). Values are kept exactly as received (no trimming),
 * except the fixed-width ISA ids, which are space-padded by the standard.
 */

/** The delimiters an interchange declares in its ISA segment. */
export interface X12Separators {
  /** Element separator: the character at ISA position 3 (usually "*"). */
  element: string;
  /** Component (sub-element) separator: ISA16 (usually ">" or ":"). */
  component: string;
  /** Segment terminator: the character right after ISA16 (usually "~"). */
  segment: string;
}

/** One segment. `elements[0]` is the first data element (XXX01), not the segment id. */
export interface X12Segment {
  /** Segment id, e.g. "AT7". */
  id: string;
  /** Data elements in order; `elements[n - 1]` is element XXXn. */
  elements: string[];
  /** Position of the segment in the interchange, from 1 (ISA is 1). */
  index: number;
  /** Character offset of the segment in the body. */
  offset: number;
}

/** One transaction set (ST … SE), e.g. a 214 or an 856. */
export interface X12TransactionSet {
  /** ST01, the transaction set identifier code, e.g. "214". */
  id: string;
  /** ST02, the transaction set control number, unique within its group. */
  controlNumber: string;
  /** The segments between ST and SE (both excluded), in order. */
  segments: X12Segment[];
  /** The ST segment itself (for positions in messages). */
  header: X12Segment;
}

/** One functional group (GS … GE). */
export interface X12FunctionalGroup {
  /** GS01, functional identifier code, e.g. "QM" for 214s, "SH" for 856s. */
  functionalId: string;
  /** GS02 application sender's code. */
  senderCode: string;
  /** GS03 application receiver's code. */
  receiverCode: string;
  /** GS04 date (CCYYMMDD). */
  date: string;
  /** GS05 time (HHMM[SS[D…]]). */
  time: string;
  /** GS06 group control number. */
  controlNumber: string;
  /** GS08 version / release / industry identifier code, e.g. "004010". */
  version: string;
  transactionSets: X12TransactionSet[];
}

/** A whole interchange, validated envelope by envelope. */
export interface X12Interchange {
  separators: X12Separators;
  /** ISA05 sender id qualifier. */
  senderQualifier: string;
  /** ISA06 sender id, trimmed (e.g. the carrier's SCAC). */
  senderId: string;
  /** ISA07 receiver id qualifier. */
  receiverQualifier: string;
  /** ISA08 receiver id, trimmed. */
  receiverId: string;
  /** ISA09 date (YYMMDD). */
  date: string;
  /** ISA10 time (HHMM). */
  time: string;
  /** ISA12 interchange control version number, e.g. "00401". */
  version: string;
  /** ISA13 interchange control number (9 digits). */
  controlNumber: string;
  /** ISA15 usage indicator: "P" production, "T" test, "I" information. */
  usage: string;
  groups: X12FunctionalGroup[];
}

/** Element n (1-based) of a segment, or "" when absent. */
export function element(seg: X12Segment, n: number): string {
  return seg.elements[n - 1] ?? '';
}

/** Every transaction set of an interchange, in order. */
export function transactionSetsOf(ix: X12Interchange): X12TransactionSet[] {
  return ix.groups.flatMap((g) => g.transactionSets);
}
