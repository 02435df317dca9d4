import { SchemaIncompatibleError } from '../errors/backbone-error.ts';
import { backwardIssues } from '../schemas/compatibility.ts';
import { parseSchema, type EventSchema } from '../schemas/schema-catalog.ts';
import type { RegistryClient } from './registry-client.ts';

/**
 * A consumer's start-up contract check: can its reader schemas read what producers write
 * today (the latest registered writer schema of each subject)? Throws a
 * SchemaIncompatibleError naming the subject and field when not, so the consumer refuses to
 * start instead of dead-lettering every record. A subject nobody wrote yet passes.
 */
export async function checkReaderContracts(registry: RegistryClient, readers: Iterable<EventSchema>): Promise<Array<{ subject: string; writerVersion: number | null }>> {
  const checked: Array<{ subject: string; writerVersion: number | null }> = [];
  for (const reader of readers) {
    const latest = await registry.latest(reader.fullName);
    if (!latest) {
      checked.push({ subject: reader.fullName, writerVersion: null });
      continue;
    }
    const issues = backwardIssues(reader.type, parseSchema(JSON.parse(latest.schema)));
    const first = issues[0];
    if (first) {
      throw new SchemaIncompatibleError(
        `reader schema of ${reader.fullName} cannot read version ${latest.version} (schema id ${latest.id}) that producers now write: field "${first.field}": ${first.reason}`,
        { subject: reader.fullName, field: first.field, reason: first.reason, version: latest.version },
      );
    }
    checked.push({ subject: reader.fullName, writerVersion: latest.version });
  }
  return checked;
}
