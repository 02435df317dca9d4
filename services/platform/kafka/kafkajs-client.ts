import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import kafkajs, { CompressionTypes, Kafka, Partitioners, type IHeaders, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { KafkaSecurity } from '../config/kafka-security-config.ts';
import { kafkajsLevel, kafkajsLogCreator, type Logger } from '../logging/logger.ts';
import { BackgroundCommitter } from './background-committer.ts';
import type {
  AdminPort,
  ConsumerBatch,
  ConsumerPort,
  IncomingRecord,
  KafkaClientFactory,
  OutgoingRecord,
  ProducerPort,
  TopicSpec,
} from './kafka-port.ts';
import { positionsFromBaseOffsets, wrapKafkaError } from './record-positions.ts';
import { kafkajsWriteError } from './kafkajs-errors.ts';
import { SerialSender } from './serial-sender.ts';
import { inSendSpan } from '../telemetry/producer-send-span.ts';
import { uninstrumented } from '../telemetry/uninstrumented.ts';

// Node's CommonJS export detection misses kafkajs's ACL enums: read them off the module object.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

/** Connection settings for kafkajs. */
export interface KafkajsSettings {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** SASL login and TLS; plaintext when absent. */
  security?: KafkaSecurity;
  /** Consumer fetch settings; each defaults to kafkajs's own (see ConsumerFetchSettings). */
  consumerFetch?: Partial<ConsumerFetchSettings>;
}

/**
 * How a consumer fetches. The defaults are kafkajs's, but for `maxBytesPerPartition` (below).
 * With `minBytes` 1 the broker answers a fetch as soon as any record is there, so
 * `maxWaitTimeInMs` only bounds an idle poll (and the pause while no partition is fetchable);
 * measured fetch round trips at 1,000 events/s were 1–4 ms (p50). With awaited commits that is the right setting: the commits space the fetches.
 * With `backgroundCommit` nothing does, and the consumer fetches every millisecond or so with
 * a record or two; at 6,000 events/s that starved a producer in the same process (ack p50
 * 0.5 s). `minBytes` 16384 with `maxWaitTimeInMs` 5 kept it near 200 fetches/s (e2e p50
 * 5–6 ms at 1,000 and 6,000 events/s on the loaded dev machine). `maxBytes` caps the memory
 * of one fetch. `maxBytesPerPartition` is 4 MiB, not kafkajs's 1 MiB: kafkajs sends its next
 * fetch only after every batch of the last one is handled, so a partition that is catching up
 * (a replay, a consumer back from an outage) waits one round trip per fetch, and with 1 MiB
 * (about 2,000 of the ~500-byte events) that wait was a third of a replay's time. Replaying
 * 100,000 events on one partition (issue 9, dev machine): raw kafkajs 60–65k events/s at 1 MiB,
 * 88–126k at 2–8 MiB; the backbone's decoding consumer 47–50k at 1 MiB, 60–85k at 2–8 MiB.
 * One fetch still holds at most `maxBytes`.
 */
export interface ConsumerFetchSettings {
  /** Longest the broker holds a fetch waiting for `minBytes` (kafkajs default 5000). */
  maxWaitTimeInMs: number;
  /** Bytes the broker waits for before answering (kafkajs default 1). */
  minBytes: number;
  /** Most bytes of one fetch response (kafkajs default 10 MiB). */
  maxBytes: number;
  /** Most bytes per partition in one fetch (4 MiB, about 8,000 of the ~500-byte events; kafkajs's default is 1 MiB). */
  maxBytesPerPartition: number;
}

/** The consumer fetch defaults: kafkajs's own, but 4 MiB per partition (see ConsumerFetchSettings). */
export const defaultConsumerFetch: ConsumerFetchSettings = { maxWaitTimeInMs: 5000, minBytes: 1, maxBytes: 10 * 1024 * 1024, maxBytesPerPartition: 4 * 1024 * 1024 };

/** The kafkajs `ssl` and `sasl` options for validated security settings (empty for plaintext). */
export function kafkajsSecurity(security: KafkaSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const out: Pick<KafkaConfig, 'ssl' | 'sasl'> = {};
  if (security?.ssl) out.ssl = security.ssl.ca ? { ca: [security.ssl.ca] } : true;
  if (security?.sasl) {
    // kafkajs types SASL options as a union per mechanism; the schema already narrowed it.
    out.sasl = { ...security.sasl } as SASLOptions;
  }
  return out;
}

/** The KafkaClientFactory over kafkajs 2.x. */
export class KafkajsClientFactory implements KafkaClientFactory {
  private readonly kafka: Kafka;
  private readonly fetch: ConsumerFetchSettings;
  private readonly logger: Logger;

  constructor(settings: KafkajsSettings) {
    const cfg: KafkaConfig = {
      clientId: settings.clientId,
      brokers: settings.brokers,
      logLevel: kafkajsLevel(settings.logger.level),
      logCreator: kafkajsLogCreator(settings.logger),
      ...kafkajsSecurity(settings.security),
      connectionTimeout: 3000,
      // kafkajs retries each request internally; a bounded total keeps an outage visible to
      // callers (an adapter answers 503, a consumer backs off) instead of hanging forever.
      retry: { initialRetryTime: 300, retries: 5, maxRetryTime: 5000 },
    };
    this.kafka = new Kafka(cfg);
    this.fetch = { ...defaultConsumerFetch, ...settings.consumerFetch };
    this.logger = settings.logger;
  }

  producer(opts: { transactionalId?: string } = {}): ProducerPort {
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      transactionalId: opts.transactionalId,
      // kafkajs's DefaultPartitioner is the Java client's murmur2 partitioner.
      createPartitioner: Partitioners.DefaultPartitioner,
      // An idempotent producer must not give up on its own: abandoning a request mid-sequence
      // breaks its ordering guarantee. Callers bound their wait instead (EventProducer's ackTimeoutMs).
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5000 },
    });
    const toMessages = (records: OutgoingRecord[]) => records.map((r) => ({ key: r.key, value: r.value, headers: r.headers as IHeaders, partition: r.partition }));
    // Sends run inside inSendSpan, which suppresses the instrumentation: call kafkajs's own send.
    const send = uninstrumented(producer.send).bind(producer);
    const produce = (topic: string, records: OutgoingRecord[]) =>
      send({ topic, acks: -1, compression: CompressionTypes.None, messages: toMessages(records) }).then((meta) => positionsFromBaseOffsets(topic, records, meta));
    const connect = () => producer.connect().catch((e) => wrapKafkaError('producer connect', e));
    if (opts.transactionalId) {
      return {
        connect,
        disconnect: () => producer.disconnect(),
        send: (topic, records) => inSendSpan(topic, records, () => produce(topic, records)).catch((e) => wrapKafkaError(`write to ${topic}`, e)),
      };
    }
    // One produce call at a time per producer, concurrent sends merged, a failed call sent again
    // as it was (see serial-sender.ts): kafkajs's idempotent sequence numbers go wrong when calls
    // overlap across a leader change, and a call it gives up may still have been written.
    // The merged call belongs to no one caller's trace: each send's span and traceparent were set
    // by inSendSpan in its caller's context; the instrumentation must add none. So kafkajs's own
    // sendBatch is called, under suppression too in case a wrapper hides it.
    const sendBatch = uninstrumented(producer.sendBatch).bind(producer);
    const serial = new SerialSender(
      (batch) =>
        context
          .with(suppressTracing(ROOT_CONTEXT), () =>
            sendBatch({ acks: -1, compression: CompressionTypes.None, topicMessages: batch.map((b) => ({ topic: b.topic, messages: toMessages(b.records) })) }),
          )
          .catch((e) => Promise.reject(kafkajsWriteError(`write to ${batch.map((b) => b.topic).join(', ')}`, e))),
      { onRetry: (err, attempt, records) => this.logger.warn({ err: err.message, code: err.code, attempt, records }, 'Kafka write failed; sending the same records again') },
    );
    return {
      connect,
      async disconnect() {
        serial.close();
        await producer.disconnect();
      },
      send: (topic, records) => inSendSpan(topic, records, () => serial.send(topic, records)),
    };
  }

  consumer(opts: { groupId: string; sessionTimeoutMs?: number; backgroundCommit?: boolean }): ConsumerPort {
    const consumer = this.kafka.consumer({
      ...this.fetch,
      groupId: opts.groupId,
      // A member that died is noticed after this long and its partitions move on (Kafka's floor is 6 s).
      sessionTimeout: opts.sessionTimeoutMs ?? 15_000,
      heartbeatInterval: 3000,
      allowAutoTopicCreation: false,
      retry: { retries: 10 },
    });
    const committer = opts.backgroundCommit
      ? new BackgroundCommitter(
          (offsets) => consumer.commitOffsets(offsets),
          (err, offsets) => this.logger.warn({ err: (err as Error)?.message, offsets }, 'background offset commit failed; the next commit supersedes it'),
        )
      : undefined;
    if (committer) {
      // A stale offset committed for a partition that moved to another member would rewind it.
      consumer.on(consumer.events.GROUP_JOIN, (e) => {
        const owned = e.payload.memberAssignment as Record<string, number[]>;
        committer.retainOnly((topic, partition) => owned[topic]?.includes(partition) ?? false);
      });
    }
    return {
      connect: () => consumer.connect().catch((e) => wrapKafkaError('consumer connect', e)),
      disconnect: async () => {
        await committer?.flush();
        await consumer.disconnect();
      },
      subscribe: (topics, fromBeginning) => consumer.subscribe({ topics, fromBeginning }),
      pause: (topic, partitions) => consumer.pause([{ topic, partitions }]),
      resume: (topic, partitions) => consumer.resume([{ topic, partitions }]),
      seek: (topic, partition, offset) => consumer.seek({ topic, partition, offset }),
      // GROUP_JOIN is emitted synchronously after join+sync and before the first fetch of the new generation.
      onAssignment: (listener) => {
        consumer.on(consumer.events.GROUP_JOIN, (e) =>
          listener(Object.entries(e.payload.memberAssignment).map(([topic, partitions]) => ({ topic, partitions: partitions as number[] }))),
        );
      },
      onFatalCrash: (listener) => {
        consumer.on(consumer.events.CRASH, (e) => {
          if (!e.payload.restart) listener(e.payload.error);
        });
      },
      run: (eachBatch, runOpts) =>
        consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: runOpts.partitionsConcurrently,
          eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
            let resolved: string | undefined;
            let committed: string | undefined;
            // kafkajs's resolveOffset parses the offset into a Long and back for every call
            // (about a microsecond); only its last value counts, so it is handed over when a
            // commit needs it and when the batch ends, not per record.
            let handedOver: string | undefined;
            const handOver = () => {
              if (resolved !== undefined && resolved !== handedOver) {
                resolveOffset(resolved);
                handedOver = resolved;
              }
            };
            // A heartbeat refused because the group is rebalancing is not a failure of the record
            // being processed: the batch becomes stale, finishes its current record and returns,
            // and kafkajs rejoins. Uncommitted records come again (the effect ledger skips them).
            let rebalancing = false;
            const b: ConsumerBatch = {
              topic: batch.topic,
              partition: batch.partition,
              records: batch.messages.map(
                (m): IncomingRecord => ({
                  topic: batch.topic,
                  partition: batch.partition,
                  offset: m.offset,
                  timestamp: m.timestamp,
                  key: m.key,
                  value: m.value,
                  headers: (m.headers ?? {}) as IncomingRecord['headers'],
                }),
              ),
              resolveOffset: (offset: string) => {
                resolved = offset;
              },
              // autoCommit is off, so commit explicitly: the next offset to read after the last finished record.
              commit: async () => {
                if (resolved === undefined || resolved === committed) return;
                handOver();
                const next = (BigInt(resolved) + 1n).toString();
                if (committer) committer.offer({ topic: batch.topic, partition: batch.partition, offset: next });
                else await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
                committed = resolved;
              },
              heartbeat: async () => {
                try {
                  await heartbeat();
                } catch {
                  rebalancing = true;
                }
              },
              isStale: () => rebalancing || !isRunning() || isStale(),
            };
            try {
              await eachBatch(b);
            } finally {
              // What kafkajs fetches next for this partition follows the last resolved offset.
              handOver();
            }
          },
        }),
    };
  }

  admin(): AdminPort {
    const admin = this.kafka.admin();
    return {
      connect: () => admin.connect().catch((e) => wrapKafkaError('admin connect', e)),
      disconnect: () => admin.disconnect(),
      listTopics: () => admin.listTopics(),
      async partitionCounts(topics: string[]) {
        const meta = await admin.fetchTopicMetadata({ topics });
        return new Map(meta.topics.map((t) => [t.name, t.partitions.length]));
      },
      async createTopics(specs: TopicSpec[]) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: specs.map((s) => ({
            topic: s.name,
            numPartitions: s.partitions,
            replicationFactor: s.replicationFactor ?? -1,
            configEntries: Object.entries(s.configs).map(([name, value]) => ({ name, value })),
          })),
        });
      },
      async setTopicConfigs(topic: string, configs: Record<string, string>) {
        await admin.alterConfigs({
          validateOnly: false,
          // 2 = TOPIC resource type
          resources: [{ type: 2, name: topic, configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })) }],
        });
      },
      async endOffsets(topic: string) {
        const offsets = await admin.fetchTopicOffsets(topic);
        return new Map(offsets.map((o) => [o.partition, o.offset]));
      },
      async groupOffsets(groupId: string, topic: string) {
        const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
        return new Map((t?.partitions ?? []).map((p) => [p.partition, p.offset]));
      },
      async offsetsForTimestamp(topic: string, timestamp: number) {
        const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, timestamp);
        return new Map(offsets.map((o) => [o.partition, o.offset]));
      },
      async listGroups() {
        return (await admin.listGroups()).groups.map((g) => g.groupId);
      },
      async describeGroup(groupId: string) {
        const { groups } = await admin.describeGroups([groupId]);
        const g = groups[0];
        return { groupId, state: g?.state ?? 'Dead', members: (g?.members ?? []).map((m) => ({ memberId: m.memberId, clientId: m.clientId, clientHost: m.clientHost })) };
      },
      async setGroupOffsets(groupId: string, topic: string, offsets: Array<{ partition: number; offset: string }>) {
        await admin.setOffsets({ groupId, topic, partitions: offsets });
      },
      async topicConfigs(topic: string, names: string[]) {
        // 2 = TOPIC resource type
        const res = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: topic, configNames: names }] });
        return Object.fromEntries((res.resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]));
      },
      async startOffsets(topic: string) {
        const offsets = await admin.fetchTopicOffsets(topic);
        return new Map(offsets.map((o) => [o.partition, o.low]));
      },
      async brokerCount() {
        return (await admin.describeCluster()).brokers.length;
      },
      async createAcls(bindings) {
        if (bindings.length === 0) return;
        await admin.createAcls({
          acl: bindings.map((b) => ({
            principal: b.principal,
            host: '*',
            resourceType: AclResourceTypes[b.resourceType],
            resourceName: b.resourceName,
            resourcePatternType: ResourcePatternTypes[b.patternType],
            operation: AclOperationTypes[b.operation],
            permissionType: AclPermissionTypes.ALLOW,
          })),
        });
      },
    };
  }
}

