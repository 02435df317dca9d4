import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { RegistryClient } from '../../../services/platform/codec/registry-client.ts';
import { checkSchemas } from '../../../services/platform/schemas/compatibility.ts';
import { loadEventSchemas } from '../../../services/platform/schemas/schema-catalog.ts';
import { isolatedSchemasCopy } from '../../support/schema-variants.ts';
import { repoRoot } from '../../../scripts/stack/stack-config.ts';
import { testPlatformConfig } from '../../support/test-env.ts';
import { tsNodeArgs } from '../../../scripts/ts-runtime/node-args.ts';

const registryUrl = testPlatformConfig().registry.url;

function runCli(command: 'check' | 'register', dir: string) {
  return spawnSync(process.execPath, [...tsNodeArgs, 'scripts/schemas.ts', command, '--dir', dir, '--registry', registryUrl], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
}

describe('schemas:check against the real registry', () => {
  it('reports new schemas, then unchanged ones after schemas:register', async () => {
    const copy = isolatedSchemasCopy();
    const registry = new RegistryClient(registryUrl);
    const before = await checkSchemas(registry, loadEventSchemas(copy.dir).values());
    assert.ok(before.every((c) => c.status === 'new'));
    const reg = runCli('register', copy.dir);
    assert.equal(reg.status, 0, reg.stderr + reg.stdout);
    const after = await checkSchemas(registry, loadEventSchemas(copy.dir).values());
    assert.ok(after.every((c) => c.status === 'unchanged'), JSON.stringify(after.filter((c) => c.status !== 'unchanged')));
  });

  it('refuses a required field added without default, naming the field', async () => {
    const copy = isolatedSchemasCopy();
    assert.equal(runCli('register', copy.dir).status, 0);
    copy.edit('pick-completed.avsc', (s) => s.fields.push({ name: 'pickerBadge', type: 'string', doc: 'breaking: no default' }));
    const cli = runCli('check', copy.dir);
    assert.equal(cli.status, 2, 'exit code 2 on incompatibility');
    assert.match(cli.stdout, new RegExp(`INCOMPATIBLE ${copy.namespace.replace('.', '\\.')}\\.PickCompleted`));
    assert.match(cli.stdout, /field "pickerBadge" \(against version 1\): required by the reading schema \(no default\) but missing from the writing schema/);
    // The registry itself agrees with our verdict.
    const registry = new RegistryClient(registryUrl);
    const s = loadEventSchemas(copy.dir).get('PickCompleted')!;
    assert.equal(await registry.isCompatible(s.fullName, s.schema), false);
    // And register refuses it, leaving the registry unchanged.
    const reg = runCli('register', copy.dir);
    assert.equal(reg.status, 2);
    assert.deepEqual(await registry.versions(s.fullName), [1]);
  });

  it('accepts an optional field with a default, and registers it as version 2', async () => {
    const copy = isolatedSchemasCopy();
    assert.equal(runCli('register', copy.dir).status, 0);
    copy.edit('pick-completed.avsc', (s) => s.fields.push({ name: 'pickerBadge', type: ['null', 'string'], default: null, doc: 'optional' }));
    const cli = runCli('check', copy.dir);
    assert.equal(cli.status, 0, cli.stdout);
    assert.match(cli.stdout, /compatible\s+\S+\.PickCompleted/);
    assert.equal(runCli('register', copy.dir).status, 0);
    const s = loadEventSchemas(copy.dir).get('PickCompleted')!;
    assert.deepEqual(await new RegistryClient(registryUrl).versions(s.fullName), [1, 2]);
  });

  it('checks transitively: a change compatible with the latest but not an older version is refused', async () => {
    const copy = isolatedSchemasCopy();
    // v1 without the field, v2 adds it optional, v3 makes it required (readable from v2 data, not from v1 data).
    assert.equal(runCli('register', copy.dir).status, 0);
    copy.edit('pick-completed.avsc', (s) => s.fields.push({ name: 'zone', type: ['null', 'string'], default: null, doc: 'v2' }));
    assert.equal(runCli('register', copy.dir).status, 0);
    copy.edit('pick-completed.avsc', (s) => {
      const f = s.fields.find((x: { name: string }) => x.name === 'zone');
      f.type = 'string';
      delete f.default;
    });
    const results = await checkSchemas(new RegistryClient(registryUrl), loadEventSchemas(copy.dir).values());
    const pc = results.find((r) => r.eventType === 'PickCompleted')!;
    assert.equal(pc.status, 'incompatible');
    assert.ok(pc.issues.some((i) => i.field === 'zone' && i.version === 1), JSON.stringify(pc.issues));
  });
});
