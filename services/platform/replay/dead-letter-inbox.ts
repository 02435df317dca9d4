import type { AvroEventCodec } from '../codec/avro-codec.ts';
import { deadLetterHeaders } from '../dlq/dead-letter-publisher.ts';
import type { AdminPort, IncomingRecord, KafkaClientFactory, RecordHeaders } from '../kafka/kafka-port.ts';
import { BadArgumentError } from './replay-errors.ts';
import { collectRanges, wholeTopic } from './topic-range-reader.ts';

/** Header on a redriven record naming its dead-letter entry: `<dead-letter topic>/<partition>/<offset>`. */
export const redrivenFromHeader = 'redriven-from';

/** Whether a dead-lettered value decodes with today's reader schemas. */
export type Revalidation = { ok: true; eventType: string; eventId: string; shipmentId: string | null } | { ok: false; code: string; message: string };

/** One dead-letter record, with what its headers say. */
export interface DeadLetterEntry {
  /** `<partition>:<offset>` on the dead-letter topic. */
  id: string;
  partition: number;
  offset: string;
  key: string | null;
  consumer: string;
  errorCode: string;
  errorMessage: string;
  retriable: boolean;
  attempts: number;
  failedAt: string;
  original: { topic: string; partition: number; offset: string; timestamp: string };
  validation: Revalidation;
  /** The original record's own headers (dead-letter headers removed). */
  headers: RecordHeaders;
  value: Buffer | null;
}

/** Dead letters of one consumer and error code. */
export interface DeadLetterGroup {
  consumer: string;
  errorCode: string;
  count: number;
  /** How many of them decode with today's schemas (candidates for a redrive). */
  valid: number;
  firstFailedAt: string;
  lastFailedAt: string;
  ids: string[];
}

/** Which dead letters an operator means. */
export interface DeadLetterSelection {
  ids?: string[];
  errorCodes?: string[];
  consumer?: string;
  /** Failed-at window (inclusive). */
  from?: Date;
  to?: Date;
}

const dlqNames = new Set<string>(Object.values(deadLetterHeaders));
const text = (h: RecordHeaders, name: string): string => {
  const v = h[name];
  return (Array.isArray(v) ? v[0] : v)?.toString() ?? '';
};

async function revalidate(codec: AvroEventCodec, value: Buffer | null): Promise<Revalidation> {
  try {
    const d = await codec.decode<{ envelope: { eventId: string; shipmentId: string | null } }>(value);
    return { ok: true, eventType: d.eventType, eventId: d.event.envelope.eventId, shipmentId: d.event.envelope.shipmentId };
  } catch (err) {
    const e = err as { code?: string; message: string; retriable?: boolean };
    if (e.retriable) throw err;
    return { ok: false, code: e.code ?? 'UNEXPECTED', message: e.message };
  }
}

/** Turns a dead-letter record into an entry, re-validating its value against the current contract. */
export async function entryOf(codec: AvroEventCodec, r: IncomingRecord): Promise<DeadLetterEntry> {
  const h = r.headers;
  return {
    id: `${r.partition}:${r.offset}`,
    partition: r.partition,
    offset: r.offset,
    key: r.key?.toString() ?? null,
    consumer: text(h, deadLetterHeaders.consumer),
    errorCode: text(h, deadLetterHeaders.errorCode),
    errorMessage: text(h, deadLetterHeaders.errorMessage),
    retriable: text(h, deadLetterHeaders.retriable) === 'true',
    attempts: Number(text(h, deadLetterHeaders.attempts) || 0),
    failedAt: text(h, deadLetterHeaders.failedAt) || new Date(Number(r.timestamp)).toISOString(),
    original: {
      topic: text(h, deadLetterHeaders.originalTopic),
      partition: Number(text(h, deadLetterHeaders.originalPartition)),
      offset: text(h, deadLetterHeaders.originalOffset),
      timestamp: text(h, deadLetterHeaders.originalTimestamp),
    },
    validation: await revalidate(codec, r.value),
    headers: Object.fromEntries(Object.entries(h).filter(([k]) => !dlqNames.has(k))),
    value: r.value,
  };
}

/** Parses `<partition>:<offset>` ids, naming a malformed one. */
export function parseEntryIds(ids: string[]): string[] {
  for (const id of ids) if (!/^\d+:\d+$/.test(id)) throw new BadArgumentError('--id', `"${id}" is not a dead-letter id such as 0:42 (partition:offset)`);
  return ids;
}

/** Reads the dead-letter topic (everything retained) and keeps the selected entries. */
export async function readDeadLetters(deps: { kafka: KafkaClientFactory; admin: AdminPort; codec: AvroEventCodec }, topic: string, sel: DeadLetterSelection = {}): Promise<DeadLetterEntry[]> {
  const records = await collectRanges(deps.kafka, topic, await wholeTopic(deps.admin, topic));
  const entries: DeadLetterEntry[] = [];
  for (const r of records) entries.push(await entryOf(deps.codec, r));
  return entries.filter(
    (e) =>
      (!sel.ids?.length || sel.ids.includes(e.id)) &&
      (!sel.errorCodes?.length || sel.errorCodes.includes(e.errorCode)) &&
      (!sel.consumer || sel.consumer === e.consumer) &&
      (!sel.from || new Date(e.failedAt) >= sel.from) &&
      (!sel.to || new Date(e.failedAt) <= sel.to),
  );
}

/** Groups entries by consumer and error code, largest group first. */
export function groupDeadLetters(entries: DeadLetterEntry[]): DeadLetterGroup[] {
  const groups = new Map<string, DeadLetterGroup>();
  for (const e of entries) {
    const k = `${e.consumer}\u0000${e.errorCode}`;
    const g = groups.get(k) ?? { consumer: e.consumer, errorCode: e.errorCode, count: 0, valid: 0, firstFailedAt: e.failedAt, lastFailedAt: e.failedAt, ids: [] };
    g.count++;
    if (e.validation.ok) g.valid++;
    if (e.failedAt < g.firstFailedAt) g.firstFailedAt = e.failedAt;
    if (e.failedAt > g.lastFailedAt) g.lastFailedAt = e.failedAt;
    g.ids.push(e.id);
    groups.set(k, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** An entry as JSON-safe output (value as base64, headers as strings). */
export function entryJson(e: DeadLetterEntry): Record<string, unknown> {
  const headers = Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v)?.toString()]));
  return { ...e, headers, value: e.value?.toString('base64') ?? null };
}
