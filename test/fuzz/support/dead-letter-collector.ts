import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';

/** Header naming the fuzz case and the record's place in it, to find its dead letter. */
export const caseHeader = 'x-fuzz-record';

/** A dead-letter record as read back: its key, value and headers. */
export interface DeadLetter {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[]>;
}

/** A header value as text (a repeated header as a list). */
export const headerText = (h: Buffer | Buffer[] | undefined) => (h === undefined ? undefined : Array.isArray(h) ? h.map(String) : String(h));

/**
 * Reads the dead-letter topic from the beginning in a group of its own and files every
 * record under its `caseHeader` value in `into`. Returns the consumer, to disconnect.
 */
export async function collectDeadLetters(kafka: Kafka, topic: string, into: Map<string, DeadLetter[]>): Promise<Consumer> {
  const reader = kafka.consumer({ groupId: `fuzz-dlq-${randomUUID()}` });
  await reader.connect();
  await reader.subscribe({ topic, fromBeginning: true });
  await reader.run({
    eachMessage: async ({ message }) => {
      const k = headerText(message.headers?.[caseHeader] as Buffer | undefined);
      if (typeof k !== 'string') return;
      into.set(k, [...(into.get(k) ?? []), { key: message.key, value: message.value, headers: message.headers as DeadLetter['headers'] }]);
    },
  });
  return reader;
}
