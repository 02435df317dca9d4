/**
 * The thin port between the backbone and a Kafka client library. Only what the platform uses
 * is here, in client-neutral shapes, so another client (e.g. @confluentinc/kafka-javascript)
 * can be dropped in and measured behind the same interface.
 */
import type { AclBinding } from './acl-catalog.ts';

/** Record headers: a header may repeat, so values can be arrays. */
export type RecordHeaders = Record<string, Buffer | string | Array<Buffer | string> | undefined>;

/** A record to write. */
export interface OutgoingRecord {
  key: Buffer | string | null;
  value: Buffer | null;
  headers?: RecordHeaders;
  /** Target partition, chosen by the caller with the Java client's murmur2 rule (see murmur2-partitioner.ts). */
  partition: number;
}

/** Where Kafka stored a written record, once acknowledged by all in-sync replicas. */
export interface RecordPosition {
  topic: string;
  partition: number;
  offset: string;
}

/** A record read from Kafka. */
export interface IncomingRecord {
  topic: string;
  partition: number;
  offset: string;
  /** Broker/producer timestamp, epoch millis as a string. */
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeaders;
}

/** An idempotent, acks=all producer. */
export interface ProducerPort {
  connect(): Promise<void>;
  /** Resolves only after every record was acknowledged by all in-sync replicas. */
  send(topic: string, records: OutgoingRecord[]): Promise<RecordPosition[]>;
  disconnect(): Promise<void>;
}

/** A batch handed to a consumer, with the hooks it needs to commit only what it finished. */
export interface ConsumerBatch {
  topic: string;
  partition: number;
  records: IncomingRecord[];
  /** Marks a record done: its offset + 1 becomes committable. */
  resolveOffset(offset: string): void;
  /**
   * Commits resolved offsets now; with the consumer's `backgroundCommit`, schedules them and
   * returns at once (committed shortly after, and before disconnect completes).
   */
  commit(): Promise<void>;
  /** Keeps group membership alive during long work. */
  heartbeat(): Promise<void>;
  /** True once the consumer is stopping or the partition was revoked: stop work on this batch. */
  isStale(): boolean;
}

/** A consumer-group member that processes batches and commits explicitly. */
export interface ConsumerPort {
  connect(): Promise<void>;
  subscribe(topics: string[], fromBeginning: boolean): Promise<void>;
  /** Runs `eachBatch` for every fetched batch; `partitionsConcurrently` partitions in parallel. */
  run(eachBatch: (batch: ConsumerBatch) => Promise<void>, opts: { partitionsConcurrently: number }): Promise<void>;
  pause(topic: string, partitions: number[]): void;
  resume(topic: string, partitions: number[]): void;
  /**
   * Makes the next fetch of an assigned partition start at `offset`, for consumers that keep
   * their offsets outside Kafka (e.g. in the same transaction as their output). Only after run().
   */
  seek(topic: string, partition: number, offset: string): void;
  /**
   * Registers a listener called each time the group assigns partitions to this member, before
   * any record of the new assignment is fetched; a `seek` made inside it applies to that fetch.
   */
  onAssignment(listener: (assignment: Array<{ topic: string; partitions: number[] }>) => void): void;
  /**
   * Registers a listener called when the client stops consuming for good after an error it
   * will not retry (kafkajs: a CRASH event without restart, e.g. a TypeError from a batch
   * handler or an authorization failure). The member has left its group and will not rejoin
   * by itself, so the service must stop reporting ready and live.
   */
  onFatalCrash(listener: (error: Error) => void): void;
  disconnect(): Promise<void>;
}

/** A topic as it should exist. */
export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor?: number;
  configs: Record<string, string>;
}

/** Cluster administration the platform needs. */
export interface AdminPort {
  connect(): Promise<void>;
  listTopics(): Promise<string[]>;
  /** Partition count per existing topic. */
  partitionCounts(topics: string[]): Promise<Map<string, number>>;
  createTopics(specs: TopicSpec[]): Promise<void>;
  /** Sets the given dynamic configs on a topic. */
  setTopicConfigs(topic: string, configs: Record<string, string>): Promise<void>;
  /** Latest (next-to-be-written) offset per partition. */
  endOffsets(topic: string): Promise<Map<number, string>>;
  /** Earliest offset still stored per partition (the log start; older records were removed by retention). */
  startOffsets(topic: string): Promise<Map<number, string>>;
  /** Committed offset per partition of a consumer group ("-1" where it committed none). */
  groupOffsets(groupId: string, topic: string): Promise<Map<number, string>>;
  /**
   * Kafka's offsetsForTimes per partition: the earliest offset whose timestamp is at or after
   * `timestamp` (epoch millis), or the end offset where there is none.
   */
  offsetsForTimestamp(topic: string, timestamp: number): Promise<Map<number, string>>;
  /** Ids of the consumer groups the cluster knows. */
  listGroups(): Promise<string[]>;
  /** A group's state (Empty, Stable, PreparingRebalance, Dead, ...) and its active members. */
  describeGroup(groupId: string): Promise<GroupDescription>;
  /** Sets a group's committed offsets (the group must have no active members). */
  setGroupOffsets(groupId: string, topic: string, offsets: Array<{ partition: number; offset: string }>): Promise<void>;
  /** The values of named configs of a topic (e.g. retention.ms). */
  topicConfigs(topic: string, names: string[]): Promise<Record<string, string>>;
  /** How many brokers the cluster reports (replication follows it). */
  brokerCount(): Promise<number>;
  /** Creates ALLOW ACL bindings (fails with SECURITY_DISABLED on a cluster without an authorizer). */
  createAcls(bindings: AclBinding[]): Promise<void>;
  disconnect(): Promise<void>;
}

/** A consumer group as the coordinator describes it. */
export interface GroupDescription {
  groupId: string;
  state: string;
  members: Array<{ memberId: string; clientId: string; clientHost: string }>;
}

/** Creates clients bound to one cluster. */
export interface KafkaClientFactory {
  producer(opts?: { transactionalId?: string }): ProducerPort;
  /**
   * `backgroundCommit`: batch commits go out off the processing path, one request at a time for
   * all partitions (see background-committer.ts); off by default. Pair it with fetch settings
   * that let the broker gather records (see ConsumerFetchSettings in kafkajs-client.ts).
   */
  consumer(opts: { groupId: string; sessionTimeoutMs?: number; backgroundCommit?: boolean }): ConsumerPort;
  admin(): AdminPort;
}
