/**
 * What both consumer batteries (the ERP consumer's and the analytics sink's) need around the
 * consumer under test: a raw idempotent producer, the codec for valid frames, a registered
 * writer schema no reader can resolve, and the dead letters collected by case.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { AvroEventCodec } from '../../../services/platform/codec/avro-codec.ts';
import { RegistryClient } from '../../../services/platform/codec/registry-client.ts';
import type { PlatformConfig } from '../../../services/platform/config/load-config.ts';
import { loadEventSchemas } from '../../../services/platform/schemas/schema-catalog.ts';
import { collectDeadLetters, type DeadLetter } from './dead-letter-collector.ts';
import { incompatiblePickCompletedSchema } from './poison-records.ts';

/** The battery's tools, open until `close`. */
export interface PoisonRig {
  kafka: Kafka;
  codec: AvroEventCodec;
  producer: Producer;
  /** Registry id of a PickCompleted writer schema that no reader schema can resolve. */
  incompatibleId: number;
  /** Dead letters of the platform's dead-letter topic, by their case header. */
  deadLetters: Map<string, DeadLetter[]>;
  close(): Promise<void>;
}

/** Opens the rig on `platform`, reading `deadLetterTopic` from its beginning. */
export async function openPoisonRig(platform: PlatformConfig, clientId: string, deadLetterTopic: string): Promise<PoisonRig> {
  const kafka = new Kafka({ brokers: platform.kafka.brokers, clientId, logLevel: logLevel.NOTHING });
  const registry = new RegistryClient(platform.registry.url);
  const incompatibleId = await registry.register(`fuzz-incompatible-${randomUUID()}`, incompatiblePickCompletedSchema());
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  const deadLetters = new Map<string, DeadLetter[]>();
  const dlqReader = await collectDeadLetters(kafka, deadLetterTopic, deadLetters);
  return {
    kafka,
    codec: new AvroEventCodec(registry, loadEventSchemas()),
    producer,
    incompatibleId,
    deadLetters,
    async close() {
      await dlqReader.disconnect();
      await producer.disconnect();
    },
  };
}
