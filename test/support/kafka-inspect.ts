import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { waitFor } from './test-env.ts';

/** A record as a test reads it back: headers as strings. */
export interface ReadRecord {
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
  timestamp: string;
}

/** Reads at least `expected` records of a topic from the beginning (a throwaway group), then returns all read so far. */
export async function readTopic(brokers: string[], topic: string, expected: number, timeoutMs = 20_000): Promise<ReadRecord[]> {
  const kafka = new Kafka({ brokers, clientId: 'test-inspect', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `inspect-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const records: ReadRecord[] = [];
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      records.push({ key: message.key?.toString() ?? null, value: message.value, headers, partition, offset: message.offset, timestamp: message.timestamp });
    },
  });
  try {
    await waitFor(`${expected} records on ${topic}`, () => records.length >= expected, timeoutMs);
  } finally {
    await consumer.disconnect();
  }
  return records;
}
