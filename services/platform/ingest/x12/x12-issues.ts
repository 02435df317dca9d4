import { ValidationError } from '../../errors/backbone-error.ts';
import { element, type X12Segment } from './x12-interchange.ts';

/**
 * Collects every content problem of a transaction set with its path, so one 422 lists them
 * all (like zod does for JSON). Paths look like "ST[0001].LX[2].AT7-05": transaction set
 * control number, loop, segment and element position.
 */
export class X12Issues {
  readonly issues: Array<{ path: string; message: string }> = [];

  /** Records a problem; returns undefined so callers can `return issues.add(...)`. */
  add(path: string, message: string): undefined {
    this.issues.push({ path, message });
    return undefined;
  }

  /** Element n of seg, required: a missing or blank value is an issue. */
  required(seg: X12Segment, n: number, path: string): string | undefined {
    const v = element(seg, n).trim();
    return v ? v : this.add(`${path}.${elementName(seg.id, n)}`, 'required');
  }

  /**
   * Runs a conversion that may throw a plain ValidationError (VALIDATION_FAILED), recording
   * its issues instead. Other errors (e.g. UNKNOWN_CODE from a code table) still throw.
   */
  attempt<T>(f: () => T): T | undefined {
    try {
      return f();
    } catch (err) {
      if (err instanceof ValidationError && err.code === 'VALIDATION_FAILED') {
        this.issues.push(...err.issues);
        return undefined;
      }
      throw err;
    }
  }

  /**
   * Element n of seg as a count (X12 N0: digits only), or null when the segment or element is
   * absent. Anything else, or more than 9 digits (past what an Avro int holds; 20 digits gave
   * a 500), is an issue naming the element.
   */
  count(seg: X12Segment | undefined, n: number, path: string): number | null {
    const v = seg ? element(seg, n).trim() : '';
    if (!v) return null;
    if (/^\d{1,9}$/.test(v)) return Number(v);
    return this.add(`${path}.${elementName(seg!.id, n)}`, `"${v.slice(0, 40)}" is not a count (a whole number of at most 9 digits)`) ?? null;
  }

  /** Throws one ValidationError (422) listing every path, if there were problems. */
  throwIfAny(what: string): void {
    if (this.issues.length === 0) return;
    throw new ValidationError(`invalid ${what}: ${this.issues.map((i) => i.path).join(', ')}`, this.issues);
  }
}

/** "AT7", 5 → "AT7-05": the usual way to name an X12 element. */
export function elementName(segmentId: string, n: number): string {
  return `${segmentId}-${String(n).padStart(2, '0')}`;
}

/** Segments of a list with a given id. */
export function segmentsWithId(segments: readonly X12Segment[], id: string): X12Segment[] {
  return segments.filter((s) => s.id === id);
}
