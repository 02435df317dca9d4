import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tsNodeArgs } from '../../../scripts/ts-runtime/node-args.ts';

const fixture = fileURLToPath(new URL('../../fixtures/ts-runtime/throws.ts', import.meta.url));

describe('scripts/ts-runtime (how every process runs the TypeScript)', () => {
  it('compiles TypeScript-only syntax and reports errors at the .ts line they come from', () => {
    const run = spawnSync(process.execPath, [...tsNodeArgs, fixture], { encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /Error: failed on pick/);
    // The throw is on line 6 of the source, whatever the compiled code looks like.
    assert.match(run.stderr, /throws\.ts:6\b/);
  });

  it('runs without keepNames: no defineProperty per closure created at run time', () => {
    // Counts Object.defineProperty calls while closures are made; esbuild's keepNames makes one per closure (2,000 here).
    const probe = `
      let calls = 0;
      const define = Object.defineProperty;
      Object.defineProperty = (...a) => (calls++, define(...a));
      const { makeClosures } = await import(${JSON.stringify(new URL('../../fixtures/ts-runtime/closures.ts', import.meta.url).href)});
      const before = calls;
      makeClosures(1000);
      console.log(calls - before);
    `;
    const run = spawnSync(process.execPath, [...tsNodeArgs, '--input-type=module', '-e', probe], { encoding: 'utf8' });
    assert.equal(run.stderr, '');
    assert.equal(run.stdout.trim(), '0');
  });
});
