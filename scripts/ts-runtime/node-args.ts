import { fileURLToPath } from 'node:url';

/**
 * The Node arguments that run a repository TypeScript file, for every process the repository
 * spawns (services under `npm start`, tests, benchmarks): `spawn(process.execPath,
 * [...tsNodeArgs, 'services/x/main.ts'])`. Why not tsx: see register.mjs.
 */
export const tsNodeArgs: readonly string[] = ['--import', fileURLToPath(new URL('./register.mjs', import.meta.url))];
