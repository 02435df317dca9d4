/**
 * runCodecChild: the codec case runs in a child process of its own against the real registry
 * and hands back every measured event type's runs, Avro against JSON.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { benchSettingsFromEnv } from '../../bench/bench-env.ts';
import { runCodecChild } from '../../bench/codec-throughput.ts';
import { RegistryClient } from '../../services/platform/codec/registry-client.ts';
import { loadEventSchemas } from '../../services/platform/schemas/schema-catalog.ts';
import { testPlatformConfig } from '../support/test-env.ts';

describe('runCodecChild', () => {
  it('measures each codec event type in a child process and returns its repeats', async () => {
    const registry = new RegistryClient(testPlatformConfig().registry.url);
    for (const s of loadEventSchemas().values()) await registry.register(s.fullName, s.schema);
    const settings = benchSettingsFromEnv({ BENCH_REPEATS: '2', BENCH_CODEC_ITERATIONS: '2000', BENCH_CODEC_VARIANTS: '8' });
    const codec = await runCodecChild(settings);
    assert.deepEqual(Object.keys(codec), ['PickCompleted', 'ShipmentPlanned', 'ShipmentDispatched', 'EtaUpdated']);
    for (const [eventType, runs] of Object.entries(codec)) {
      assert.equal(runs.length, 2, eventType);
      for (const r of runs) {
        assert.equal(r.eventType, eventType);
        for (const rate of [r.avroEncodePerSec, r.jsonEncodePerSec, r.avroDecodePerSec, r.jsonDecodePerSec]) assert.ok(Number.isFinite(rate) && rate > 0, `${eventType}: ${rate}`);
        // Avro carries no field names: its frame is well under the JSON of the same event.
        assert.ok(r.avroBytes > 5 && r.avroBytes < r.jsonBytes, `${eventType}: ${r.avroBytes} vs ${r.jsonBytes} bytes`);
      }
    }
  });
});
