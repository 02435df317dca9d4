import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mailDomainOf, notificationConfigFromEnv } from '../../services/notification-service/notification-config.ts';
import { ConfigError } from '../../services/platform/errors/backbone-error.ts';

describe('notification service config', () => {
  it('defaults: local SMTP on 2525, 6 h hold-back, 2 h late-ETA threshold, health port 18112', () => {
    const c = notificationConfigFromEnv({});
    assert.equal(c.smtpUrl, 'smtp://127.0.0.1:2525');
    assert.equal(c.maxEventAgeMs, 6 * 3_600_000);
    assert.equal(c.lateEtaThresholdMs, 2 * 3_600_000);
    assert.equal(c.healthPort, 18112);
    assert.equal(c.groupId, 'notification-service');
    assert.equal(mailDomainOf(c.mailFrom), 'backbone.local');
  });

  it('names the variable of every wrong setting', () => {
    assert.throws(
      () => notificationConfigFromEnv({ SMTP_URL: 'http://mail', NOTIFICATION_MAX_EVENT_AGE: '6 hours', NOTIFICATION_MAIL_FROM: 'nobody', NOTIFICATION_WEBHOOK_ATTEMPTS: '0' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        for (const v of ['SMTP_URL', 'NOTIFICATION_MAX_EVENT_AGE', 'NOTIFICATION_MAIL_FROM', 'NOTIFICATION_WEBHOOK_ATTEMPTS']) assert.match(err.message, new RegExp(`\\(${v}\\)`));
        return true;
      },
    );
  });

  it('takes a bare sender address too', () => {
    assert.equal(mailDomainOf(notificationConfigFromEnv({ NOTIFICATION_MAIL_FROM: 'updates@shipper.example' }).mailFrom), 'shipper.example');
  });
});
