import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The shape a stack's Kafka was created with: node count and security mode. */
export interface StackMode {
  kafkaNodes: number;
  kafkaSecurity: 'plaintext' | 'sasl_ssl';
}

function modeFile(home: string): string {
  return path.join(home, 'config', 'stack-mode.json');
}

/**
 * The mode a stack home's Kafka data was formatted with, or undefined when it was never
 * formatted (or predates the record, which means the single-node plaintext stack).
 */
export function recordedStackMode(home: string): StackMode | undefined {
  const file = modeFile(home);
  if (!existsSync(file)) return undefined;
  const m = JSON.parse(readFileSync(file, 'utf8')) as Partial<StackMode>;
  if (typeof m.kafkaNodes !== 'number' || (m.kafkaSecurity !== 'plaintext' && m.kafkaSecurity !== 'sasl_ssl')) return undefined;
  return { kafkaNodes: m.kafkaNodes, kafkaSecurity: m.kafkaSecurity };
}

/** Records the mode a stack home's Kafka data is formatted with (written when storage is formatted). */
export function recordStackMode(home: string, mode: StackMode): void {
  mkdirSync(path.dirname(modeFile(home)), { recursive: true });
  writeFileSync(modeFile(home), `${JSON.stringify(mode)}\n`);
}

/** Forgets the recorded mode (when `reset` deletes the data it describes). */
export function forgetStackMode(home: string): void {
  rmSync(modeFile(home), { force: true });
}
