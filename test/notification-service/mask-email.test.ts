import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskEmail } from '../../services/notification-service/mask-email.ts';

describe('e-mail masking', () => {
  it('keeps the first letter and the domain only', () => {
    assert.equal(maskEmail('jane.doe@example.com'), 'j***@example.com');
    assert.equal(maskEmail('a@b.de'), 'a***@b.de');
  });

  it('reveals nothing of what is not an address', () => {
    assert.equal(maskEmail('no-at-sign'), '***');
    assert.equal(maskEmail('@example.com'), '***');
    assert.equal(maskEmail(null), null);
  });
});
