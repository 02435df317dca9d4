/**
 * A throwaway OTLP/HTTP trace receiver for the traced producer runs: an http server on
 * 127.0.0.1 (in the bench's parent process, idle while a child is timed) that accepts POSTs
 * to `<anything>/v1/traces`, counts the spans in them per path prefix, discards them and
 * answers 200 with an empty ExportTraceServiceResponse.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { countJsonSpans, countProtobufSpans } from './otlp-span-count.ts';

/** What one path prefix (one traced child) has exported so far. */
export interface ReceivedSpans {
  requests: number;
  bytes: number;
  spans: number;
  producerSpans: number;
  /** Events covered by those PRODUCER spans (a batch send span counts its records). */
  producerEvents: number;
  /** Bodies the receiver could not parse (answered 400). */
  rejected: number;
}

/** A running receiver. */
export interface OtlpReceiver {
  /** The OTLP traces endpoint for one client, e.g. http://127.0.0.1:PORT/<client>/v1/traces. */
  endpointFor(client: string): string;
  /** Totals received from `client` so far. */
  received(client: string): ReceivedSpans;
  close(): Promise<void>;
}

/** Starts the receiver on an ephemeral port. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const totals = new Map<string, ReceivedSpans>();
  const totalFor = (client: string) => {
    let t = totals.get(client);
    if (!t) totals.set(client, (t = { requests: 0, bytes: 0, spans: 0, producerSpans: 0, producerEvents: 0, rejected: 0 }));
    return t;
  };
  const server = http.createServer((req, res) => {
    const match = /^\/([^/]+)\/v1\/traces$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const t = totalFor(decodeURIComponent(match[1]!));
      const raw = Buffer.concat(chunks);
      const json = (req.headers['content-type'] ?? '').includes('json');
      try {
        const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        const n = json ? countJsonSpans(body) : countProtobufSpans(body);
        t.requests++;
        t.bytes += raw.length;
        t.spans += n.spans;
        t.producerSpans += n.producerSpans;
        t.producerEvents += n.producerEvents;
        if (json) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        else res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      } catch {
        t.rejected++;
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpointFor: (client) => `http://127.0.0.1:${port}/${encodeURIComponent(client)}/v1/traces`,
    received: (client) => ({ ...totalFor(client) }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
