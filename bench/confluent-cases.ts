/**
 * The same producer and consumer cases over @confluentinc/kafka-javascript (librdkafka) behind
 * the backbone's client port (ConfluentClientFactory), when it has been built with
 * `npm run client:confluent`: Rc = the port's producer sending the pre-encoded records of R
 * (same chunks, partitions and headers), Bc = EventProducer over it; the consumer rows are the
 * port's consumer without decoding (Rc) and with AvroEventCodec.decode (Bc), one commit per batch.
 */
import { EventProducer } from '../services/platform/kafka/event-producer.ts';
import type { KafkaClientFactory, OutgoingRecord, ProducerPort } from '../services/platform/kafka/kafka-port.ts';
import { murmur2Partition } from '../services/platform/kafka/murmur2-partitioner.ts';
import { confluentModuleAvailable } from '../services/platform/kafka/confluent-module.ts';
import type { BenchEnv, BenchSettings } from './bench-env.ts';
import { pipelined, timedProducerRun, type preEncode, type ProducerRun } from './producer-throughput.ts';

/** The confluent client's port and an EventProducer over it, connected. */
export interface ConfluentBench {
  factory: KafkaClientFactory;
  port: ProducerPort;
  producer: EventProducer;
  close(): Promise<void>;
}

/** Opens the confluent client for the bench, or says why it cannot. */
export async function openConfluentBench(env: BenchEnv): Promise<ConfluentBench | { missing: string }> {
  if (!confluentModuleAvailable()) return { missing: '@confluentinc/kafka-javascript is not built here (npm run client:confluent builds it; see README "Alternative Kafka client")' };
  const { ConfluentClientFactory } = await import('../services/platform/kafka/confluent-client.ts');
  const factory = new ConfluentClientFactory({ brokers: env.config.kafka.brokers, clientId: 'bench-confluent', logger: env.logger });
  const port = factory.producer();
  await port.connect();
  const typedPort = factory.producer();
  await typedPort.connect();
  const producer = new EventProducer({ producer: typedPort, admin: env.admin, codec: env.platform.codec, topics: env.catalog, logger: env.logger });
  let closed = false;
  return {
    factory,
    port,
    producer,
    async close() {
      if (closed) return;
      closed = true;
      await port.disconnect();
      await typedPort.disconnect();
    },
  };
}

/** Rc: the port's send of R's pre-encoded records, murmur2 partitions, `batch` per request, `inFlight` at once. */
export async function runPortProducer(env: { settings: Pick<BenchSettings, 'partitions' | 'batch' | 'inFlight'> }, port: ProducerPort, topic: string, records: Awaited<ReturnType<typeof preEncode>>): Promise<ProducerRun> {
  const bytes = records.reduce((n, r) => n + r.value.length, 0);
  const partitions = env.settings.partitions;
  // The partition is chosen inside the timing, as kafkajs's partitioner does for R.
  return timedProducerRun(records.length, bytes / records.length, () =>
    pipelined(records, env.settings.batch, env.settings.inFlight, (chunk) =>
      port.send(topic, chunk.map((r): OutgoingRecord => ({ key: r.key, value: r.value, headers: r.headers, partition: murmur2Partition(r.key, partitions) }))),
    ),
  );
}
