/**
 * Counts the spans in one OTLP/HTTP trace export body (protobuf or JSON), so the bench can
 * prove its traced producer runs really exported spans. Only the nesting the count needs is
 * read (ExportTraceServiceRequest → ResourceSpans → ScopeSpans → Span.kind); the rest is skipped.
 */

/** Spans in one export request: all of them, those of kind PRODUCER, and the events those covered. */
export interface SpanCount {
  spans: number;
  producerSpans: number;
  /** Events sent under the PRODUCER spans: `messaging.batch.message_count` of a batch send span, 1 for a per-record span. */
  producerEvents: number;
}

const SPAN_KIND_PRODUCER = 4;
const BATCH_COUNT = 'messaging.batch.message_count';

/** Reads a protobuf varint at `pos`; returns the value and the next position. */
function varint(buf: Buffer, pos: number): [number, number] {
  let value = 0;
  let mul = 1;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++]!;
    value += (b & 0x7f) * mul;
    if (b < 0x80) return [value, pos];
    mul *= 128;
  }
}

/** Calls `onField` for each top-level field of a protobuf message; length-delimited fields get their bytes. */
function eachField(buf: Buffer, onField: (field: number, wire: number, value: number | Buffer) => void): void {
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p] = varint(buf, pos);
    pos = p;
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) {
      const [v, q] = varint(buf, pos);
      pos = q;
      onField(field, wire, v);
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) {
      const [len, q] = varint(buf, pos);
      onField(field, wire, buf.subarray(q, q + len));
      pos = q + len;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
}

/** The int value of a KeyValue attribute named `name` (KeyValue: key = 1, value = 2; AnyValue.int_value = 3), if it is that one. */
function intAttribute(kv: Buffer, name: string): number | undefined {
  let key = '';
  let value: number | undefined;
  eachField(kv, (f, w, v) => {
    if (f === 1 && w === 2) key = (v as Buffer).toString();
    else if (f === 2 && w === 2) eachField(v as Buffer, (f2, w2, x) => f2 === 3 && w2 === 0 && (value = x as number));
  });
  return key === name ? value : undefined;
}

/** Counts spans in a protobuf ExportTraceServiceRequest. */
export function countProtobufSpans(body: Buffer): SpanCount {
  const out: SpanCount = { spans: 0, producerSpans: 0, producerEvents: 0 };
  eachField(body, (f, w, resourceSpans) => {
    if (f !== 1 || w !== 2) return;
    eachField(resourceSpans as Buffer, (f2, w2, scopeSpans) => {
      if (f2 !== 2 || w2 !== 2) return;
      eachField(scopeSpans as Buffer, (f3, w3, span) => {
        if (f3 !== 2 || w3 !== 2) return;
        out.spans++;
        let producer = false;
        let batch: number | undefined;
        // Span.kind = 6, Span.attributes = 9
        eachField(span as Buffer, (f4, w4, v) => {
          if (f4 === 6 && w4 === 0 && v === SPAN_KIND_PRODUCER) producer = true;
          else if (f4 === 9 && w4 === 2) batch ??= intAttribute(v as Buffer, BATCH_COUNT);
        });
        if (producer) {
          out.producerSpans++;
          out.producerEvents += batch ?? 1;
        }
      });
    });
  });
  return out;
}

/** Counts spans in an OTLP/JSON ExportTraceServiceRequest. */
export function countJsonSpans(body: Buffer): SpanCount {
  const out: SpanCount = { spans: 0, producerSpans: 0, producerEvents: 0 };
  type JsonSpan = { kind?: number | string; attributes?: Array<{ key: string; value?: { intValue?: number | string } }> };
  const req = JSON.parse(body.toString()) as { resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: JsonSpan[] }> }> };
  for (const rs of req.resourceSpans ?? [])
    for (const ss of rs.scopeSpans ?? [])
      for (const s of ss.spans ?? []) {
        out.spans++;
        if (s.kind === SPAN_KIND_PRODUCER || s.kind === 'SPAN_KIND_PRODUCER') {
          out.producerSpans++;
          const batch = s.attributes?.find((a) => a.key === BATCH_COUNT)?.value?.intValue;
          out.producerEvents += batch === undefined ? 1 : Number(batch);
        }
      }
  return out;
}
