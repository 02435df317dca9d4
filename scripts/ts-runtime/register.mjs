/**
 * Runs the repository's TypeScript on Node 20: `node --import ./scripts/ts-runtime/register.mjs
 * services/<name>/main.ts`. Every npm script, service, test and bench process starts this way.
 *
 * Why not `node --import tsx`, which this replaced: tsx compiles with esbuild's `keepNames`
 * always on, which wraps every function created at run time in `__name(...)`, an
 * `Object.defineProperty` per closure. The consumer framework creates a few closures per
 * record, and replay through an EventConsumer ran about a third faster without it (bench
 * figures in README, "Benchmarks"). This loader compiles with the same esbuild, the
 * repository's tsconfig, inline source maps and no `keepNames`.
 */
import { register } from 'node:module';

process.setSourceMapsEnabled(true);
register('./hooks.mjs', import.meta.url);
