import type { AvroEventCodec } from '../../platform/codec/avro-codec.ts';
import type { RecordHeaders } from '../../platform/kafka/kafka-port.ts';

/** How many bytes the hex dump shows (the base64 view always has everything). */
export const hexDumpLimit = 4096;

/** A classic hex dump: offset, 16 bytes as hex, and their printable ASCII. */
export function hexDump(bytes: Buffer, limit = hexDumpLimit): string {
  const lines: string[] = [];
  for (let i = 0; i < Math.min(bytes.length, limit); i += 16) {
    const row = bytes.subarray(i, Math.min(i + 16, bytes.length, limit));
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${i.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  if (bytes.length > limit) lines.push(`… ${bytes.length - limit} more bytes (see base64)`);
  return lines.join('\n');
}

/** JSON of a decoded Avro value: dates as ISO text, bytes as base64, bigints as text. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    function (this: Record<string, unknown>, key, v: unknown) {
      const raw = this[key];
      if (raw instanceof Date) return raw.toISOString();
      if (Buffer.isBuffer(raw)) return { base64: raw.toString('base64') };
      if (typeof v === 'bigint') return v.toString();
      return v;
    },
    2,
  );
}

/** Decodes a dead-lettered value with today's schemas: its JSON, or why it does not decode. */
export async function decodePayload(codec: AvroEventCodec, value: Buffer | null): Promise<{ ok: true; eventType: string; json: string; schemaId: number } | { ok: false; error: string }> {
  try {
    const d = await codec.decode(value);
    return { ok: true, eventType: d.eventType, json: toJson(d.event), schemaId: d.writerSchemaId };
  } catch (err) {
    const e = err as { code?: string; message: string };
    return { ok: false, error: `${e.code ?? 'UNEXPECTED'}: ${e.message}` };
  }
}

/** Record headers as text pairs (a repeated header gives several rows). */
export function headerRows(headers: RecordHeaders): Array<[string, string]> {
  return Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).filter((x) => x !== undefined).map((x): [string, string] => [k, x!.toString()]));
}
