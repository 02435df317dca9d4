import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OutgoingRecord } from '../../../services/platform/kafka/kafka-port.ts';
import { SerialSender, type BaseOffsets, type TopicRecords } from '../../../services/platform/kafka/serial-sender.ts';

const rec = (key: string, partition: number): OutgoingRecord => ({ key, value: Buffer.from(key), partition });

/**
 * A produce call that a test completes by hand: it records what each call carried and
 * answers, per topic-partition, a base offset that grows like a log would.
 */
class ManualBatches {
  readonly calls: Array<{ batch: TopicRecords[]; finish(err?: Error): void }> = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly ends = new Map<string, number>();

  readonly sendBatch = (batch: TopicRecords[]): Promise<BaseOffsets> => {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise((resolve, reject) => {
      this.calls.push({
        batch,
        finish: (err) => {
          this.inFlight--;
          if (err) return reject(err);
          const out: BaseOffsets = [];
          for (const { topic, records } of batch) {
            for (const partition of new Set(records.map((r) => r.partition))) {
              const key = `${topic}/${partition}`;
              const base = this.ends.get(key) ?? 0;
              this.ends.set(key, base + records.filter((r) => r.partition === partition).length);
              out.push({ topicName: topic, partition, baseOffset: String(base) });
            }
          }
          resolve(out);
        },
      });
    });
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('SerialSender', () => {
  it('has one produce call under way at a time and merges the sends that queued meanwhile, in order', async () => {
    const m = new ManualBatches();
    const sender = new SerialSender(m.sendBatch);
    const first = sender.send('a', [rec('k1', 0)]);
    await tick();
    const second = sender.send('a', [rec('k2', 0), rec('k3', 1)]);
    const third = sender.send('b', [rec('k4', 0)]);
    const fourth = sender.send('a', [rec('k5', 0)]);
    await tick();
    assert.equal(m.calls.length, 1, 'the queued sends wait for the call under way');
    m.calls[0]!.finish();
    await tick();
    assert.equal(m.calls.length, 2);
    assert.deepEqual(
      m.calls[1]!.batch.map((b) => [b.topic, b.records.map((r) => r.key)]),
      [
        ['a', ['k2', 'k3', 'k5']],
        ['b', ['k4']],
      ],
    );
    m.calls[1]!.finish();
    assert.deepEqual(await first, [{ topic: 'a', partition: 0, offset: '0' }]);
    assert.deepEqual(await second, [
      { topic: 'a', partition: 0, offset: '1' },
      { topic: 'a', partition: 1, offset: '0' },
    ]);
    assert.deepEqual(await third, [{ topic: 'b', partition: 0, offset: '0' }]);
    assert.deepEqual(await fourth, [{ topic: 'a', partition: 0, offset: '2' }]);
    assert.equal(m.maxInFlight, 1);
  });

  it('fails exactly the sends of a failed call, and carries on with the next', async () => {
    const m = new ManualBatches();
    const sender = new SerialSender(m.sendBatch);
    const first = sender.send('a', [rec('k1', 0)]);
    await tick();
    const second = sender.send('a', [rec('k2', 0)]);
    const third = sender.send('a', [rec('k3', 0)]);
    m.calls[0]!.finish(new Error('leader gone'));
    await assert.rejects(first, /leader gone/);
    await tick();
    m.calls[1]!.finish();
    assert.deepEqual((await second).map((p) => p.offset), ['0']);
    assert.deepEqual((await third).map((p) => p.offset), ['1']);
  });

  it('stops merging once a call holds maxRecords, never splitting one send', async () => {
    const m = new ManualBatches();
    const sender = new SerialSender(m.sendBatch, 3);
    const first = sender.send('a', [rec('k0', 0)]);
    await tick();
    const rest = [sender.send('a', [rec('k1', 0), rec('k2', 0)]), sender.send('a', [rec('k3', 0), rec('k4', 0)]), sender.send('a', [rec('k5', 0)])];
    m.calls[0]!.finish();
    await first;
    await tick();
    assert.deepEqual(m.calls[1]!.batch[0]!.records.map((r) => r.key), ['k1', 'k2', 'k3', 'k4']);
    m.calls[1]!.finish();
    await tick();
    assert.deepEqual(m.calls[2]!.batch[0]!.records.map((r) => r.key), ['k5']);
    m.calls[2]!.finish();
    assert.deepEqual((await Promise.all(rest)).map((ps) => ps.map((p) => p.offset)), [['1', '2'], ['3', '4'], ['5']]);
  });
});
