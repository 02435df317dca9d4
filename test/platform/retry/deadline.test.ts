import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeDeadline } from '../../../services/platform/retry/deadline.ts';

describe('beforeDeadline', () => {
  it('settles as the work does when it is in time', async () => {
    assert.equal(await beforeDeadline(sleep(5).then(() => 'done'), 1000, () => 'late'), 'done');
    await assert.rejects(beforeDeadline(Promise.reject(new Error('boom')), 1000, () => 'late'), /boom/);
  });

  it('settles as onLate does once the deadline passed, returning or throwing', async () => {
    assert.equal(await beforeDeadline(sleep(1000).then(() => 'done'), 10, () => 'late'), 'late');
    await assert.rejects(
      beforeDeadline(sleep(1000), 10, () => {
        throw new Error('too slow');
      }),
      /too slow/,
    );
  });

  it('waits for the work alone with Infinity', async () => {
    assert.equal(await beforeDeadline(sleep(20).then(() => 'done'), Infinity, () => 'late'), 'done');
  });
});
