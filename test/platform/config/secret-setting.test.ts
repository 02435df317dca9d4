import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { secretSetting } from '../../../services/platform/config/secret-setting.ts';
import { adapterConfigFromEnv } from '../../../services/platform/ingest/webhook-adapter.ts';
import { wmsAdapter } from '../../../services/wms-adapter/wms-adapter.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'leb-secret-'));
const secretFile = path.join(dir, 'wms-webhook-secret');
writeFileSync(secretFile, 'whsec_ZnJvbS1hLWZpbGU=\n', { mode: 0o600 });

describe('secret settings', () => {
  it('reads <NAME>_FILE before <NAME>, trimming the trailing newline', () => {
    assert.equal(secretSetting({ X: 'plain', X_FILE: secretFile }, 'X'), 'whsec_ZnJvbS1hLWZpbGU=');
    assert.equal(secretSetting({ X: 'plain' }, 'X'), 'plain');
    assert.equal(secretSetting({}, 'X'), undefined);
  });

  it('names the variable and path of an unreadable file, never a secret', () => {
    assert.throws(() => secretSetting({ X: 'do-not-print', X_FILE: path.join(dir, 'missing') }, 'X'), (err: Error) => {
      assert.match(err.message, /X_FILE: cannot read .*missing \(ENOENT\)/);
      assert.doesNotMatch(err.message, /do-not-print/);
      return true;
    });
  });

  it('lets an adapter take its webhook secret from a file', () => {
    const cfg = adapterConfigFromEnv(wmsAdapter, { WMS_WEBHOOK_SECRET_FILE: secretFile });
    assert.equal(cfg.webhookSecret, 'whsec_ZnJvbS1hLWZpbGU=');
  });
});
