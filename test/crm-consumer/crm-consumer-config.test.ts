import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crmConsumerConfigFromEnv } from '../../services/crm-consumer/crm-consumer-config.ts';
import { ConfigError } from '../../services/platform/errors/backbone-error.ts';

describe('CRM consumer config', () => {
  it('defaults to the local stand-in CRM, a 2 h late-ETA threshold and health port 18111', () => {
    const c = crmConsumerConfigFromEnv({});
    assert.equal(c.groupId, 'crm-consumer');
    assert.equal(c.crmBaseUrl, 'http://127.0.0.1:18210');
    assert.equal(c.lateEtaThresholdMs, 7_200_000);
    assert.equal(c.healthPort, 18111);
    assert.equal(c.platform.kafka.clientId, 'crm-consumer');
  });

  it('names the variable of every wrong setting', () => {
    assert.throws(
      () => crmConsumerConfigFromEnv({ CRM_BASE_URL: 'crm.local', LATE_ETA_THRESHOLD: 'soon', CRM_CONSUMER_HEALTH_PORT: 'x' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /crmBaseUrl \(CRM_BASE_URL\)/);
        assert.match(err.message, /lateEtaThresholdMs \(LATE_ETA_THRESHOLD\): expected a positive duration/);
        assert.match(err.message, /healthPort \(CRM_CONSUMER_HEALTH_PORT\)/);
        return true;
      },
    );
  });
});
