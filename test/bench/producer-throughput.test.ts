/**
 * combineRuns: a producer repeat run in chunks reports the rate and CPU of all its chunks
 * together, weighted by their events and times, not the mean of the chunks' rates.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { combineRuns, type ProducerRun } from '../../bench/producer-throughput.ts';

const run = (count: number, seconds: number, cpuMicrosPerEvent: number, peakRssBytes: number, valueBytes = 500): ProducerRun => ({
  count,
  eventsPerSec: count / seconds,
  mbPerSec: (count * valueBytes) / 1048576 / seconds,
  cpuMicrosPerEvent,
  peakRssBytes,
  valueBytes,
});

describe('combineRuns', () => {
  it('divides all events by all the time, weighs CPU by events and keeps the highest peak', () => {
    // 2,000 events in 0.1 s and 1,000 in 0.2 s: 3,000 in 0.3 s is 10,000 ev/s (the mean of the
    // two rates would say 12,500).
    const c = combineRuns([run(2000, 0.1, 30, 100), run(1000, 0.2, 60, 300)]);
    assert.equal(c.count, 3000);
    assert.ok(Math.abs(c.eventsPerSec - 10_000) < 1e-6, String(c.eventsPerSec));
    assert.ok(Math.abs(c.cpuMicrosPerEvent - 40) < 1e-9, String(c.cpuMicrosPerEvent));
    assert.ok(Math.abs(c.mbPerSec - (3000 * 500) / 1048576 / 0.3) < 1e-9);
    assert.equal(c.peakRssBytes, 300);
    assert.equal(c.valueBytes, 500);
  });

  it('returns one run as it was', () => {
    const one = run(20_000, 0.8, 41.5, 123);
    const c = combineRuns([one]);
    assert.ok(Math.abs(c.eventsPerSec - one.eventsPerSec) < 1e-6);
    assert.equal(c.cpuMicrosPerEvent, one.cpuMicrosPerEvent);
  });
});
