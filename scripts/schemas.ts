/**
 * `npm run schemas:check`    : are the working-tree schemas compatible (BACKWARD_TRANSITIVE)
 *                              with every version the registry holds? Names the breaking field.
 * `npm run schemas:register` : check, then register every event schema (subject = record full name).
 * `npm run schemas:types`    : regenerate the TypeScript event types from the schemas.
 * Options: --dir <schemas folder> (default schemas/), --registry <url> (default SCHEMA_REGISTRY_URL), --json.
 */
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { RegistryClient } from '../services/platform/codec/registry-client.ts';
import { checkSchemas, type SubjectCheck } from '../services/platform/schemas/compatibility.ts';
import { defaultSchemasDir, loadEventSchemas } from '../services/platform/schemas/schema-catalog.ts';
import { generateEventTypes, generatedTypesFile } from '../services/platform/schemas/typescript-types.ts';

interface Opts {
  dir: string;
  registry: string;
  json?: boolean;
}

function print(results: SubjectCheck[], json: boolean | undefined): boolean {
  const bad = results.filter((r) => r.status === 'incompatible');
  if (json) {
    console.log(JSON.stringify(results, null, 2));
  } else {
    for (const r of results) {
      console.log(`${r.status === 'incompatible' ? 'INCOMPATIBLE' : r.status.padEnd(12)} ${r.subject}`);
      for (const i of r.issues) console.log(`    field "${i.field}" (against version ${i.version}): ${i.reason}`);
    }
    console.log(bad.length === 0 ? `\n${results.length} schemas checked: all compatible` : `\n${bad.length} of ${results.length} schemas are incompatible: nothing may be registered`);
  }
  return bad.length === 0;
}

const program = new Command('schemas');
const common = (c: Command) =>
  c
    .option('--dir <path>', 'schemas folder', defaultSchemasDir)
    .option('--registry <url>', 'Confluent-API registry URL', process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:18081/apis/ccompat/v7')
    .option('--json', 'machine-readable output');

common(program.command('check').description('check working-tree schemas against the registry (transitive BACKWARD)')).action(async (opts: Opts) => {
  const ok = print(await checkSchemas(new RegistryClient(opts.registry), loadEventSchemas(opts.dir).values()), opts.json);
  process.exitCode = ok ? 0 : 2;
});

common(program.command('register').description('check, then register every event schema')).action(async (opts: Opts) => {
  const registry = new RegistryClient(opts.registry);
  const schemas = loadEventSchemas(opts.dir);
  if (!print(await checkSchemas(registry, schemas.values()), opts.json)) {
    process.exitCode = 2;
    return;
  }
  for (const s of schemas.values()) {
    const id = await registry.register(s.fullName, s.schema);
    if (!opts.json) console.log(`registered ${s.fullName} as schema id ${id}`);
  }
});

program
  .command('types')
  .description('regenerate services/platform/events/generated-types.ts from the schemas')
  .option('--dir <path>', 'schemas folder', defaultSchemasDir)
  .action((opts: { dir: string }) => {
    writeFileSync(generatedTypesFile, generateEventTypes(loadEventSchemas(opts.dir)));
    console.log(`wrote ${generatedTypesFile.pathname}`);
  });

program.parseAsync().catch((err: unknown) => {
  console.error(`schemas: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
