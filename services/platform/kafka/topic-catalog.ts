import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseConfig } from '../config/load-config.ts';
import type { AdminPort, TopicSpec } from './kafka-port.ts';

/** infra/topics.yaml: the declaration of every topic. */
export const defaultTopicsFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'infra', 'topics.yaml');

const topicSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9._-]+$/),
  description: z.string().min(1),
  partitions: z.number().int().min(1),
  replicationFactor: z.number().int().min(1).optional(),
  minInsyncReplicas: z.number().int().min(1).optional(),
  cleanupPolicy: z.enum(['delete', 'compact', 'compact,delete']),
  retentionMs: z.number().int().min(-1),
  key: z.enum(['shipment', 'original', 'delivery', 'operation']),
  /** For raw archive topics: the source kind whose raw deliveries it keeps. */
  rawArchiveOf: z.enum(['WMS', 'TMS', 'CARRIER']).optional(),
  eventTypes: z.array(z.string()),
});
const fileSchema = z.object({ topics: z.array(topicSchema).min(1) });

/** One declared topic, with its prefixed name. */
export type TopicDeclaration = z.infer<typeof topicSchema>;

/** The declared topics of one environment (prefix applied), and which topic carries each event type. */
export class TopicCatalog {
  readonly topics: TopicDeclaration[];
  /** The prefix every name carries (LEB_TOPIC_PREFIX). */
  readonly prefix: string;
  private readonly byEventType = new Map<string, TopicDeclaration>();

  constructor(topics: TopicDeclaration[], prefix = '') {
    this.topics = topics;
    this.prefix = prefix;
    for (const t of topics) {
      for (const e of t.eventTypes) {
        const other = this.byEventType.get(e);
        if (other) throw new Error(`event type ${e} is declared on two topics: ${other.name} and ${t.name}`);
        this.byEventType.set(e, t);
      }
    }
  }

  /** Reads infra/topics.yaml (or `file`) and prefixes every name; fails naming the wrong path. */
  static load(prefix = '', file = defaultTopicsFile): TopicCatalog {
    const parsed = parseConfig(fileSchema, parse(readFileSync(file, 'utf8')));
    return new TopicCatalog(parsed.topics.map((t) => ({ ...t, name: `${prefix}${t.name}` })), prefix);
  }

  /** The topic an event type is published to. */
  topicFor(eventType: string): TopicDeclaration {
    const t = this.byEventType.get(eventType);
    if (!t) throw new Error(`no topic in infra/topics.yaml carries event type "${eventType}"`);
    return t;
  }

  /** The shipment lifecycle topic (the one carrying PickCompleted). */
  get lifecycle(): TopicDeclaration {
    return this.topicFor('PickCompleted');
  }

  /** The raw archive topic of a source kind. */
  rawArchiveFor(kind: string): TopicDeclaration {
    const t = this.topics.find((x) => x.rawArchiveOf === kind);
    if (!t) throw new Error(`infra/topics.yaml declares no raw archive topic for source kind ${kind}`);
    return t;
  }

  /** The delayed-retry topic shared by all consumers. */
  get retry(): TopicDeclaration {
    const t = this.topics.find((x) => x.name.endsWith('logistics.retry.v1'));
    if (!t) throw new Error('infra/topics.yaml declares no logistics.retry.v1 topic');
    return t;
  }

  /** The operators' audit topic (rewinds, replays, redrives). */
  get audit(): TopicDeclaration {
    const t = this.topics.find((x) => x.name.endsWith('logistics.audit.v1'));
    if (!t) throw new Error('infra/topics.yaml declares no logistics.audit.v1 topic');
    return t;
  }

  /** The dead-letter topic. */
  get deadLetter(): TopicDeclaration {
    const t = this.topics.find((x) => x.name.endsWith('logistics.deadletter.v1'));
    if (!t) throw new Error('infra/topics.yaml declares no logistics.deadletter.v1 topic');
    return t;
  }
}

/** Replication settings a topic gets when infra/topics.yaml leaves them to the cluster. */
export interface ReplicationDefaults {
  replicationFactor?: number;
  minInsyncReplicas?: number;
}

/**
 * Replication that follows the cluster's size (the broker count the cluster reports): on three
 * or more brokers every topic gets replication factor 3 and min.insync.replicas 2, so an acks=all
 * write survives one broker's loss; on a smaller cluster (the single-node local stack) the
 * broker's defaults apply (1 and 1).
 */
export function replicationFor(brokers: number): ReplicationDefaults {
  return brokers >= 3 ? { replicationFactor: 3, minInsyncReplicas: 2 } : {};
}

function configsOf(t: TopicDeclaration, rep: ReplicationDefaults): Record<string, string> {
  const c: Record<string, string> = { 'cleanup.policy': t.cleanupPolicy, 'retention.ms': String(t.retentionMs) };
  const minIsr = t.minInsyncReplicas ?? rep.minInsyncReplicas;
  if (minIsr !== undefined) c['min.insync.replicas'] = String(minIsr);
  return c;
}

/** What applying the catalog did to each topic. */
export interface ApplyReport {
  created: string[];
  updated: string[];
  /** Topics whose partition count differs from the declaration; never changed automatically. */
  partitionMismatch: Array<{ topic: string; declared: number; actual: number }>;
  /** The replication defaults used, from the cluster's broker count. */
  replication: ReplicationDefaults & { brokers: number };
}

/**
 * Creates missing topics and sets declared configs on existing ones. Idempotent. Partition
 * counts are never changed: adding partitions would move keys and break per-shipment order.
 * Replication follows the cluster's size (see `replicationFor`) unless topics.yaml declares it.
 */
export async function applyTopics(admin: AdminPort, catalog: TopicCatalog): Promise<ApplyReport> {
  const brokers = await admin.brokerCount();
  const rep = replicationFor(brokers);
  const existing = new Set(await admin.listTopics());
  const missing = catalog.topics.filter((t) => !existing.has(t.name));
  const present = catalog.topics.filter((t) => existing.has(t.name));
  const report: ApplyReport = { created: missing.map((t) => t.name), updated: [], partitionMismatch: [], replication: { brokers, ...rep } };
  if (missing.length > 0) {
    const specs: TopicSpec[] = missing.map((t) => ({
      name: t.name,
      partitions: t.partitions,
      replicationFactor: t.replicationFactor ?? rep.replicationFactor,
      configs: configsOf(t, rep),
    }));
    await admin.createTopics(specs);
  }
  if (present.length > 0) {
    const counts = await admin.partitionCounts(present.map((t) => t.name));
    for (const t of present) {
      const actual = counts.get(t.name) ?? 0;
      if (actual !== t.partitions) report.partitionMismatch.push({ topic: t.name, declared: t.partitions, actual });
      await admin.setTopicConfigs(t.name, configsOf(t, rep));
      report.updated.push(t.name);
    }
  }
  return report;
}
