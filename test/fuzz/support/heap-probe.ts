/**
 * Heap growth over a fuzz run: the heap in use after a full garbage collection, before and
 * after. `gc` comes from --expose-gc when the process has it, else it is switched on at run
 * time (V8 flag plus a fresh context), so the measurement never depends on how the test started.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

function collector(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Heap in use (bytes) after collecting garbage twice (the second pass frees what finalizers released). */
export async function settledHeapUsed(): Promise<number> {
  const gc = collector();
  gc();
  await new Promise((r) => setImmediate(r));
  gc();
  return process.memoryUsage().heapUsed;
}

/** A baseline taken now; `growth()` is the settled heap's increase since then, in bytes. */
export async function heapBaseline(): Promise<{ before: number; growth: () => Promise<number> }> {
  const before = await settledHeapUsed();
  return { before, growth: async () => (await settledHeapUsed()) - before };
}

/** Megabytes, for messages. */
export const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;
