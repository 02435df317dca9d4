/**
 * uninstrumented() returns what an instrumentation wrapped, using the instrumentation
 * package's own wrapping (InstrumentationBase's `_wrap`, shimmer underneath), and leaves an
 * unwrapped function as it is.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InstrumentationBase, isWrapped } from '@opentelemetry/instrumentation';
import { uninstrumented } from '../../../services/platform/telemetry/uninstrumented.ts';

/** The smallest instrumentation: exposes InstrumentationBase's protected `_wrap`. */
class Wrapper extends InstrumentationBase {
  constructor() {
    super('uninstrumented-test', '0.0.0', { enabled: false });
  }
  protected init() {
    return [];
  }
  wrap<T extends object>(target: T, name: keyof T & string, patch: (original: never) => unknown) {
    this._wrap(target, name, patch as never);
  }
}

describe('uninstrumented', () => {
  it('returns the original of a wrapped method and an unwrapped function itself', () => {
    const target = { send: (n: number) => n * 2 };
    const original = target.send;
    assert.equal(uninstrumented(target.send), original, 'nothing wrapped it yet');
    new Wrapper().wrap(target, 'send', (orig: (n: number) => number) => (n: number) => orig(n) + 1);
    assert.ok(isWrapped(target.send));
    assert.equal(target.send(1), 3, 'the wrapper runs');
    assert.equal(uninstrumented(target.send), original);
    assert.equal(uninstrumented(target.send)(1), 2, 'the original skips the wrapper');
  });
});
