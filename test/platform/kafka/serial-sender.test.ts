import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KafkaRejectedError, KafkaUnavailableError, type BackboneError } from '../../../services/platform/errors/backbone-error.ts';
import type { OutgoingRecord } from '../../../services/platform/kafka/kafka-port.ts';
import { SerialSender, type BaseOffsets, type TopicRecords } from '../../../services/platform/kafka/serial-sender.ts';

const rec = (key: string, partition: number): OutgoingRecord => ({ key, value: Buffer.from(key), partition });

/**
 * A produce call that a test completes by hand: it records what each call carried and
 * answers, per topic-partition, a base offset that grows like a log would.
 */
class ManualBatches {
  readonly calls: Array<{ batch: TopicRecords[]; finish(err?: Error, omit?: number[]): void }> = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly ends = new Map<string, number>();

  readonly sendBatch = (batch: TopicRecords[]): Promise<BaseOffsets> => {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise((resolve, reject) => {
      this.calls.push({
        batch,
        finish: (err, omit = []) => {
          this.inFlight--;
          if (err) return reject(err);
          const out: BaseOffsets = [];
          for (const { topic, records } of batch) {
            for (const partition of new Set(records.map((r) => r.partition))) {
              // A partition left out of the answer, as kafkajs does after some failed retries: not written.
              if (omit.includes(partition)) continue;
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

/** Ticks until `ok` holds (the sender's retries wait a timer of a millisecond or two). */
async function waitFor(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 2));
  assert.ok(ok(), 'condition never held');
}

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

  it('fails exactly the sends of a call Kafka refused, and carries on with the next', async () => {
    const m = new ManualBatches();
    const sender = new SerialSender(m.sendBatch);
    const first = sender.send('a', [rec('k1', 0)]);
    await tick();
    const second = sender.send('a', [rec('k2', 0)]);
    const third = sender.send('a', [rec('k3', 0)]);
    m.calls[0]!.finish(new KafkaRejectedError('record too large'));
    await assert.rejects(first, (e: BackboneError) => e.code === 'KAFKA_REJECTED' && /too large/.test(e.message));
    await tick();
    assert.equal(m.calls.length, 2, 'a refused call is not sent again');
    m.calls[1]!.finish();
    assert.deepEqual((await second).map((p) => p.offset), ['0']);
    assert.deepEqual((await third).map((p) => p.offset), ['1']);
  });

  it('sends a call that failed retriably again, the same records in the same order, before anything queued after it', async () => {
    const m = new ManualBatches();
    const retried: number[] = [];
    const sender = new SerialSender(m.sendBatch, { retry: { minDelayMs: 1, maxDelayMs: 2 }, onRetry: (_e, attempt, n) => retried.push(attempt * 100 + n) });
    const first = sender.send('a', [rec('k1', 0), rec('k2', 1)]);
    await tick();
    const later = sender.send('a', [rec('k3', 0)]);
    m.calls[0]!.finish(new KafkaUnavailableError('leader gone'));
    await waitFor(() => m.calls.length === 2);
    m.calls[1]!.finish(new KafkaUnavailableError('still gone'));
    await waitFor(() => m.calls.length === 3);
    assert.deepEqual(
      m.calls.map((c) => c.batch.flatMap((b) => b.records.map((r) => r.key))),
      [['k1', 'k2'], ['k1', 'k2'], ['k1', 'k2']],
      'the failed call is repeated as it was; the later send waits',
    );
    m.calls[2]!.finish();
    assert.deepEqual((await first).map((p) => `${p.partition}/${p.offset}`), ['0/0', '1/0']);
    await waitFor(() => m.calls.length === 4);
    m.calls[3]!.finish();
    assert.deepEqual((await later).map((p) => `${p.partition}/${p.offset}`), ['0/1']);
    assert.deepEqual(retried, [102, 202], 'each retry reported with its attempt and record count');
    assert.equal(m.maxInFlight, 1);
  });

  it('sends again the records of a partition the answer left out, and only those, before resolving', async () => {
    const m = new ManualBatches();
    const retried: string[] = [];
    const sender = new SerialSender(m.sendBatch, { onRetry: (e) => retried.push(e.message) });
    const first = sender.send('a', [rec('k1', 0), rec('k2', 1), rec('k3', 1)]);
    await tick();
    m.calls[0]!.finish(undefined, [1]);
    await waitFor(() => m.calls.length === 2);
    assert.deepEqual(m.calls[1]!.batch.map((b) => [b.topic, b.records.map((r) => r.key)]), [['a', ['k2', 'k3']]]);
    m.calls[1]!.finish();
    assert.deepEqual((await first).map((p) => `${p.partition}/${p.offset}`), ['0/0', '1/0', '1/1']);
    assert.match(retried[0]!, /without these partitions: a\[1\]/);
  });

  it('refuses a send at once while too many records wait, and takes sends again once they are written', async () => {
    const m = new ManualBatches();
    const sender = new SerialSender(m.sendBatch, { maxQueuedRecords: 3 });
    const first = sender.send('a', [rec('k1', 0), rec('k2', 0)]);
    await tick();
    const second = sender.send('a', [rec('k3', 0)]);
    await assert.rejects(sender.send('a', [rec('k4', 0)]), (e: BackboneError) => e.code === 'KAFKA_UNAVAILABLE' && e.retriable && /nothing was written/.test(e.message));
    m.calls[0]!.finish();
    await first;
    await waitFor(() => m.calls.length === 2);
    m.calls[1]!.finish();
    await second;
    const third = sender.send('a', [rec('k5', 0), rec('k6', 0), rec('k7', 0)]);
    await waitFor(() => m.calls.length === 3);
    m.calls[2]!.finish();
    assert.deepEqual((await third).map((p) => p.offset), ['3', '4', '5']);
    assert.deepEqual(m.calls.flatMap((c) => c.batch.flatMap((b) => b.records.map((r) => r.key))), ['k1', 'k2', 'k3', 'k5', 'k6', 'k7'], 'the refused record was never sent');
  });

  it('on close fails the queued sends, stops retrying the call under way and refuses new sends', async () => {
    const m = new ManualBatches();
    const sender = new SerialSender(m.sendBatch, { retry: { minDelayMs: 60_000, maxDelayMs: 60_000 } });
    const first = sender.send('a', [rec('k1', 0)]);
    await tick();
    const queued = sender.send('a', [rec('k2', 0)]);
    m.calls[0]!.finish(new KafkaUnavailableError('broker down'));
    await tick();
    sender.close();
    const unavailable = (e: BackboneError) => e.code === 'KAFKA_UNAVAILABLE' && e.retriable;
    await assert.rejects(queued, unavailable);
    await assert.rejects(first, unavailable);
    await assert.rejects(sender.send('a', [rec('k3', 0)]), (e: BackboneError) => unavailable(e) && /closed/.test(e.message));
    assert.equal(m.calls.length, 1, 'nothing sent after close');
  });

  it('stops merging once a call holds maxRecords, never splitting one send', async () => {
    const m = new ManualBatches();
    const sender = new SerialSender(m.sendBatch, { maxRecords: 3 });
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
