import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { defaultSchemasDir } from '../../services/platform/schemas/schema-catalog.ts';

/**
 * A copy of schemas/ whose event namespace is unique to this test, so its registry subjects
 * (record full names) are its own. Returns the folder and a function to edit one event file.
 */
export function isolatedSchemasCopy(): { dir: string; namespace: string; edit(file: string, fn: (schema: any) => void): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'leb-schemas-'));
  cpSync(defaultSchemasDir, dir, { recursive: true });
  const namespace = `test_${randomUUID().replace(/-/g, '').slice(0, 12)}.events`;
  for (const f of readdirSync(path.join(dir, 'events'))) {
    const p = path.join(dir, 'events', f);
    writeFileSync(p, readFileSync(p, 'utf8').replace('"namespace": "io.logistics.events"', `"namespace": "${namespace}"`));
  }
  return {
    dir,
    namespace,
    edit(file, fn) {
      const p = path.join(dir, 'events', file);
      const schema = JSON.parse(readFileSync(p, 'utf8'));
      fn(schema);
      writeFileSync(p, JSON.stringify(schema, null, 2));
    },
  };
}
