import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyticsSinkConfigFromEnv } from '../../services/analytics-sink/analytics-config.ts';
import { ConfigError } from '../../services/platform/errors/backbone-error.ts';

describe('analytics sink config', () => {
  it('defaults to the local stack and a store under .stack/analytics', () => {
    const c = analyticsSinkConfigFromEnv({});
    assert.deepEqual(
      { db: c.dbPath, group: c.groupId, port: c.httpPort, exportDir: c.exportDir, topicPrefix: c.platform.topicPrefix },
      { db: '.stack/analytics/backbone.duckdb', group: 'analytics-sink', port: 18160, exportDir: '.stack/analytics/export', topicPrefix: '' },
    );
  });

  it('names the wrong variable', () => {
    assert.throws(
      () => analyticsSinkConfigFromEnv({ ANALYTICS_HTTP_PORT: 'eighty', ANALYTICS_SESSION_TIMEOUT_MS: '100', ANALYTICS_GROUP: '' }),
      (err: unknown) =>
        err instanceof ConfigError &&
        /httpPort \(ANALYTICS_HTTP_PORT\)/.test(err.message) &&
        /sessionTimeoutMs \(ANALYTICS_SESSION_TIMEOUT_MS\)/.test(err.message) &&
        /groupId \(ANALYTICS_GROUP\)/.test(err.message),
    );
  });
});
