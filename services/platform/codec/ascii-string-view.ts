import avro from 'avsc';

/** The avsc Tap members a string read touches (avsc 5's `Tap`). */
interface Tap {
  buf: Buffer;
  pos: number;
  readLong(): number;
  readString(): string | undefined;
  /** Marks the read as failed (a negative length). */
  _invalidate(): void;
}

/** The record being decoded inside `withStringView`, and its bytes as one Latin-1 string once a string was read. */
let view: { buf: Buffer; text: string | undefined } | undefined;

/**
 * Runs a synchronous decode of `buf` during which plain Avro strings of `buf` that are pure
 * ASCII are cut out of one Latin-1 copy of the whole record (`String#substring`), instead of
 * one `Buffer#utf8Slice` each. avsc reads every string with its own `utf8Slice`, a call into
 * C++ of about 100 ns whatever the length, and a ~500-byte event has about 40 strings: that
 * was half of decoding. For bytes below 0x80, Latin-1 and UTF-8 give the same characters;
 * any string with a higher byte is read with `utf8Slice` as before.
 *
 * The view only lives for this call, so a Buffer changed or reused afterwards is never read
 * through a stale copy.
 */
export function withStringView<T>(buf: Buffer, decode: () => T): T {
  const outer = view;
  view = { buf, text: undefined };
  try {
    return decode();
  } finally {
    view = outer;
  }
}

/**
 * avsc's StringType with a read that uses the record view of `withStringView` when there is
 * one for the buffer being read. Everything else (writing, validation, schema, resolution)
 * is avsc's own; outside a view it reads exactly as avsc does.
 */
class AsciiViewStringType extends avro.types.StringType {
  _read(tap: Tap): string | undefined {
    const v = view;
    if (v === undefined || tap.buf !== v.buf) return tap.readString();
    // The lines of avsc 5.7's Tap#readString, with the ASCII path added.
    const len = tap.readLong();
    if (len < 0) {
      tap._invalidate();
      return '';
    }
    const pos = tap.pos;
    const buf = tap.buf;
    tap.pos += len;
    if (tap.pos > buf.length) return undefined;
    if (len !== 0) {
      const end = pos + len;
      let ascii = true;
      for (let i = pos; i < end; i++) {
        if (buf[i]! > 0x7f) {
          ascii = false;
          break;
        }
      }
      if (ascii) return (v.text ??= buf.toString('latin1')).substring(pos, end);
    }
    // Empty or non-ASCII: as avsc reads it.
    return buf.toString('utf8', pos, pos + len);
  }
}

/**
 * An avsc `typeHook` that gives `string` schemas the view-reading string type, including a
 * string with a logical type the parse does not implement (e.g. `uuid`, which avsc reads as
 * a plain string anyway). A logical type given in `logicalTypes` keeps its own type. Pass it
 * to every `Type.forSchema` whose types `withStringView` decodes.
 */
export function asciiViewTypeHook(schema: avro.Schema, opts: { logicalTypes?: Record<string, unknown> } = {}): avro.Type | undefined {
  if (schema === 'string') return new AsciiViewStringType();
  if (typeof schema !== 'object' || schema === null || (schema as { type?: unknown }).type !== 'string') return undefined;
  const logical = (schema as { logicalType?: unknown }).logicalType;
  if (typeof logical === 'string' && opts.logicalTypes && logical in opts.logicalTypes) return undefined;
  return new AsciiViewStringType();
}
