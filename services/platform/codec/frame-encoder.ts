import avro from 'avsc';

/** Bytes before the Avro body in the Confluent wire format: magic byte 0 and the 4-byte schema id. */
export const FRAME_HEADER_BYTES = 5;

/** The value does not match the schema; `paths` are the dotted field paths that fail (from avsc's errorHook). */
export class FrameEncodeError extends Error {
  constructor(readonly paths: string[], cause: unknown) {
    super(`value does not match its schema at: ${paths.join(', ')}`, { cause });
  }
}

/**
 * True when avsc's writer could accept a value its validator rejects, so encoding alone is
 * not proof of validity: a record without required fields writes defaults for any non-null
 * value (a string, a number) where `isValid` insists on an object. Every other avsc type
 * throws from `_write` exactly where `_check` fails.
 */
export function writerIsLooserThanValidator(type: avro.Type, seen = new Set<avro.Type>()): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  const t = type as avro.Type & {
    fields?: Array<{ type: avro.Type; defaultValue(): unknown }>;
    itemsType?: avro.Type;
    valuesType?: avro.Type;
    types?: avro.Type[];
    underlyingType?: avro.Type;
  };
  if (t.fields) {
    if (t.fields.every((f) => f.defaultValue() !== undefined)) return true;
    return t.fields.some((f) => writerIsLooserThanValidator(f.type, seen));
  }
  const children = [t.itemsType, t.valuesType, t.underlyingType, ...(t.types ?? [])].filter((c): c is avro.Type => c !== undefined);
  return children.some((c) => writerIsLooserThanValidator(c, seen));
}

/**
 * Encodes values in one pass straight into a reusable scratch buffer that leaves room for the
 * 5-byte frame header, then copies the framed bytes out once (avsc's `toBuffer` plus framing
 * copied twice and, with a separate `isValid`, walked the value twice). The scratch buffer
 * doubles on overflow. Invalid values are caught by the writer itself; only then does the
 * validator run, to name the failing field paths.
 */
export class FrameEncoder {
  private static readonly initialBytes = 16 * 1024;
  // One oversized event must not pin a large scratch buffer for the life of the process.
  private static readonly retainedBytes = 1024 * 1024;
  private scratch = Buffer.allocUnsafe(FrameEncoder.initialBytes);
  private readonly loose = new WeakMap<avro.Type, boolean>();

  /**
   * Framed bytes for `value`: header bytes zeroed except the magic byte, to be completed with
   * `writeSchemaId`. Throws FrameEncodeError when the value does not match `type`.
   */
  encode(type: avro.Type, value: unknown): Buffer {
    let loose = this.loose.get(type);
    if (loose === undefined) {
      loose = writerIsLooserThanValidator(type);
      this.loose.set(type, loose);
    }
    if (loose && !type.isValid(value)) throw this.invalid(type, value, undefined);
    let end: number;
    try {
      end = type.encode(value, this.scratch, FRAME_HEADER_BYTES);
      while (end < 0) {
        // avsc reports how many bytes were missing: grow and write again.
        this.scratch = Buffer.allocUnsafe(Math.max(this.scratch.length * 2, this.scratch.length - end));
        end = type.encode(value, this.scratch, FRAME_HEADER_BYTES);
      }
    } catch (err) {
      throw this.invalid(type, value, err);
    }
    const out = Buffer.allocUnsafe(end);
    this.scratch.copy(out, FRAME_HEADER_BYTES, FRAME_HEADER_BYTES, end);
    out[0] = 0;
    if (this.scratch.length > FrameEncoder.retainedBytes) this.scratch = Buffer.allocUnsafe(FrameEncoder.initialBytes);
    return out;
  }

  private invalid(type: avro.Type, value: unknown, cause: unknown): FrameEncodeError {
    const paths: string[] = [];
    type.isValid(value, { errorHook: (p) => paths.push(p.join('.')) });
    // The writer threw on something the validator accepts (not expected): report the writer's reason.
    if (paths.length === 0) paths.push(`(${cause instanceof Error ? cause.message : String(cause)})`);
    return new FrameEncodeError(paths, cause);
  }
}

/** Writes the registry schema id into a frame's header. */
export function writeSchemaId(frame: Buffer, id: number): void {
  frame.writeUInt32BE(id, 1);
}
