import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BackgroundCommitter, type PartitionOffset } from '../../../services/platform/kafka/background-committer.ts';

/** A commit function whose requests resolve only when the test says so. */
function gatedCommits() {
  const sent: PartitionOffset[][] = [];
  const gates: Array<() => void> = [];
  const commit = (offsets: PartitionOffset[]) => {
    sent.push(offsets);
    return new Promise<void>((resolve) => gates.push(resolve));
  };
  const release = async () => {
    gates.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { sent, commit, release };
}

describe('BackgroundCommitter', () => {
  it('sends one request at a time, carrying the latest offset of every partition offered meanwhile', async () => {
    const g = gatedCommits();
    const c = new BackgroundCommitter(g.commit, () => assert.fail('no error expected'));
    c.offer({ topic: 't', partition: 0, offset: '10' });
    c.offer({ topic: 't', partition: 0, offset: '11' });
    c.offer({ topic: 't', partition: 1, offset: '5' });
    c.offer({ topic: 't', partition: 0, offset: '12' });
    assert.deepEqual(g.sent, [[{ topic: 't', partition: 0, offset: '10' }]]);
    await g.release();
    assert.deepEqual(g.sent[1], [
      { topic: 't', partition: 0, offset: '12' },
      { topic: 't', partition: 1, offset: '5' },
    ]);
    const flushed = c.flush();
    await g.release();
    await flushed;
    assert.equal(g.sent.length, 2);
  });

  it('reports a failed commit and goes on with the next offers', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const c = new BackgroundCommitter(async () => {
      if (++calls === 1) throw new Error('rebalance in progress');
    }, (err) => errors.push(err));
    c.offer({ topic: 't', partition: 0, offset: '1' });
    await c.flush();
    c.offer({ topic: 't', partition: 0, offset: '2' });
    await c.flush();
    assert.equal(errors.length, 1);
    assert.equal(calls, 2);
  });

  it('drops pending offsets of partitions no longer owned', async () => {
    const g = gatedCommits();
    const c = new BackgroundCommitter(g.commit, () => undefined);
    c.offer({ topic: 't', partition: 0, offset: '1' });
    c.offer({ topic: 't', partition: 1, offset: '7' });
    c.offer({ topic: 't', partition: 2, offset: '9' });
    c.retainOnly((_, p) => p !== 1);
    await g.release();
    assert.deepEqual(g.sent[1], [{ topic: 't', partition: 2, offset: '9' }]);
    await g.release();
    await c.flush();
  });
});
