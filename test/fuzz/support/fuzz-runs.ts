/**
 * Run counts of the bad-input battery. Every property has a fixed CI count; FUZZ_RUNS raises
 * it (`npm run test:fuzz` sets it), and FUZZ_SEED replays a failure with the seed fast-check
 * printed. Heavy properties (bodies of hundreds of kilobytes) take a tenth of FUZZ_RUNS.
 */
import type { Parameters } from 'fast-check';

/** How expensive one case of a property is. */
export type FuzzWeight = 'light' | 'heavy';

/** The number of cases a property runs: its CI count, or what FUZZ_RUNS asks for (a tenth for heavy ones). */
export function fuzzRunCount(ciRuns: number, weight: FuzzWeight = 'light', env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.FUZZ_RUNS);
  if (!Number.isInteger(asked) || asked <= 0) return ciRuns;
  return Math.max(1, weight === 'heavy' ? Math.ceil(asked / 10) : asked);
}

/**
 * fast-check parameters for one property: a fixed number of runs and the seed from FUZZ_SEED
 * when set (fast-check prints seed and path on failure). There is no per-run timeout here:
 * every request carries its own deadline, so a hang fails with its counterexample.
 */
export function fuzzParams<T>(ciRuns: number, weight: FuzzWeight = 'light', env: NodeJS.ProcessEnv = process.env): Parameters<T> {
  const seed = Number(env.FUZZ_SEED);
  return {
    numRuns: fuzzRunCount(ciRuns, weight, env),
    ...(Number.isInteger(seed) ? { seed } : {}),
    // The failing assertion's message goes into the report, next to seed and counterexample.
    includeErrorInReport: true,
  };
}
