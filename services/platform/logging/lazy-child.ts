import type { Logger } from 'pino';

/**
 * A child logger created only when something uses it. pino serialises (and redacts) a
 * child's bindings when the child is made, so a child per Kafka record cost several
 * microseconds per record even when nothing was logged: about a sixth of a no-op consumer's
 * CPU. The stand-in forwards every property to the real child, made from `bindings()` on
 * first use.
 */
export function lazyChild(parent: Logger, bindings: () => Record<string, unknown>): Logger {
  let real: Logger | undefined;
  const materialise = () => (real ??= parent.child(bindings()));
  return new Proxy({} as Logger, {
    get(_target, prop) {
      const logger = materialise();
      const value = Reflect.get(logger, prop, logger) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(logger) : value;
    },
    set(_target, prop, value) {
      return Reflect.set(materialise(), prop, value);
    },
    has(_target, prop) {
      return Reflect.has(materialise(), prop);
    },
  });
}
