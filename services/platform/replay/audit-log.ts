import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { AdminPort, KafkaClientFactory, ProducerPort } from '../kafka/kafka-port.ts';
import { collectRanges, wholeTopic } from './topic-range-reader.ts';

/** One operator action on the audit topic. */
export interface AuditEntry {
  id: string;
  action: 'rewind' | 'replay' | 'redrive';
  /** Who: --actor, the admin API token's name, or the OS user. */
  actor: string;
  host: string;
  at: string;
  /** What was asked: group/topic/target, consumer and window, dead-letter selection. */
  what: Record<string, unknown>;
  counts: Record<string, number>;
  outcome: 'executed' | 'completed' | 'paused' | 'cancelled' | 'failed' | 'refused';
  error?: string;
}

/** The acting user when none is given: the OS user name. */
export function defaultActor(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/**
 * The operators' audit trail on its own topic (`logistics.audit.v1`): every executed rewind,
 * replay and redrive, with who, when, what, counts and outcome. Written with acks=all before
 * the command reports success; read back whole by `replay audit`.
 */
export class AuditLog {
  constructor(private readonly deps: { producer: ProducerPort; kafka: KafkaClientFactory; admin: AdminPort; topic: string }) {}

  /** Appends an entry (id, host and time filled in). */
  async record(e: Omit<AuditEntry, 'id' | 'at' | 'host'> & { id?: string }): Promise<AuditEntry> {
    const entry: AuditEntry = { ...e, id: e.id ?? randomUUID(), at: new Date().toISOString(), host: hostname() };
    await this.deps.producer.send(this.deps.topic, [{ key: entry.id, value: Buffer.from(JSON.stringify(entry)), headers: { 'content-type': 'application/json' }, partition: 0 }]);
    return entry;
  }

  /** Every entry still retained, oldest first. */
  async list(): Promise<AuditEntry[]> {
    const records = await collectRanges(this.deps.kafka, this.deps.topic, await wholeTopic(this.deps.admin, this.deps.topic));
    return records
      .flatMap((r) => {
        try {
          return [JSON.parse(r.value?.toString() ?? '') as AuditEntry];
        } catch {
          return [];
        }
      })
      .sort((a, b) => a.at.localeCompare(b.at));
  }
}
