import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { platformConfigFromEnv } from '../../../services/platform/config/load-config.ts';
import { ConfigError } from '../../../services/platform/errors/backbone-error.ts';
import { adapterConfigFromEnv } from '../../../services/platform/ingest/webhook-adapter.ts';
import { wmsAdapter } from '../../../services/wms-adapter/wms-adapter.ts';

describe('config validation', () => {
  it('applies documented defaults pointing at the local stack', () => {
    const cfg = platformConfigFromEnv({}, 'svc');
    assert.deepEqual(cfg.kafka.brokers, ['127.0.0.1:19092']);
    assert.equal(cfg.registry.url, 'http://127.0.0.1:18081/apis/ccompat/v7');
    assert.equal(cfg.stateStore.url, 'postgres://backbone@127.0.0.1:15432/backbone');
    assert.equal(cfg.topicPrefix, '');
    assert.equal(cfg.logLevel, 'info');
  });

  it('names the wrong path and its environment variable', () => {
    assert.throws(
      () => platformConfigFromEnv({ KAFKA_BROKERS: 'localhost', SCHEMA_REGISTRY_URL: 'not a url' }, 'svc'),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.equal(err.code, 'CONFIG_INVALID');
        assert.equal(err.retriable, false);
        assert.match(err.message, /kafka\.brokers\.0 \(KAFKA_BROKERS\): expected host:port/);
        assert.match(err.message, /registry\.url \(SCHEMA_REGISTRY_URL\)/);
        return true;
      },
    );
  });

  it('refuses to start the WMS adapter without a webhook secret', () => {
    assert.throws(() => adapterConfigFromEnv(wmsAdapter, {}), /webhookSecret \(WMS_WEBHOOK_SECRET\)/);
  });
});
