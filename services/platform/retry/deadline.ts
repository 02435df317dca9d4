/**
 * Settles as `work` does, or as `onLate()` does once `ms` passed, whichever comes first; the
 * timer is cleared either way. `work` is not cancelled: what was started goes on (a write
 * under way, a check), and the caller says what being late means (a retriable error, a
 * `false`, giving up waiting). `Infinity` waits for `work` alone.
 */
export async function beforeDeadline<T, L = T>(work: Promise<T>, ms: number, onLate: () => L): Promise<T | L> {
  if (ms === Infinity) return work;
  let timer: NodeJS.Timeout | undefined;
  // onLate runs inside a promise so that a throw rejects the race instead of escaping the timer.
  const late = new Promise<L>((resolve) => (timer = setTimeout(() => resolve(Promise.resolve().then(onLate)), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
