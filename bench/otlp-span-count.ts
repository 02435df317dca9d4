/**
 * Counts the spans in one OTLP/HTTP trace export body (protobuf or JSON), so the bench can
 * prove its traced producer runs really exported spans. Only the nesting the count needs is
 * read (ExportTraceServiceRequest → ResourceSpans → ScopeSpans → Span.kind); the rest is skipped.
 */

/** Spans in one export request: all of them, and those of kind PRODUCER. */
export interface SpanCount {
  spans: number;
  producerSpans: number;
}

const SPAN_KIND_PRODUCER = 4;

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

/** Counts spans in a protobuf ExportTraceServiceRequest. */
export function countProtobufSpans(body: Buffer): SpanCount {
  const out: SpanCount = { spans: 0, producerSpans: 0 };
  eachField(body, (f, w, resourceSpans) => {
    if (f !== 1 || w !== 2) return;
    eachField(resourceSpans as Buffer, (f2, w2, scopeSpans) => {
      if (f2 !== 2 || w2 !== 2) return;
      eachField(scopeSpans as Buffer, (f3, w3, span) => {
        if (f3 !== 2 || w3 !== 2) return;
        out.spans++;
        eachField(span as Buffer, (f4, w4, kind) => {
          if (f4 === 6 && w4 === 0 && kind === SPAN_KIND_PRODUCER) out.producerSpans++;
        });
      });
    });
  });
  return out;
}

/** Counts spans in an OTLP/JSON ExportTraceServiceRequest. */
export function countJsonSpans(body: Buffer): SpanCount {
  const out: SpanCount = { spans: 0, producerSpans: 0 };
  const req = JSON.parse(body.toString()) as { resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: Array<{ kind?: number | string }> }> }> };
  for (const rs of req.resourceSpans ?? [])
    for (const ss of rs.scopeSpans ?? [])
      for (const s of ss.spans ?? []) {
        out.spans++;
        if (s.kind === SPAN_KIND_PRODUCER || s.kind === 'SPAN_KIND_PRODUCER') out.producerSpans++;
      }
  return out;
}
