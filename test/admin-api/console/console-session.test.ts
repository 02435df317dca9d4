import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consoleConfigFromEnv } from '../../../services/admin-api/console/console-config.ts';
import { ConsoleSessions } from '../../../services/admin-api/console/console-session.ts';
import { safeNext } from '../../../services/admin-api/console/login-routes.ts';
import { LoginThrottle } from '../../../services/admin-api/console/login-throttle.ts';

const tokens = [
  { name: 'vera', role: 'viewer' as const, token: 'viewer-token-0123456789abcdef' },
  { name: 'otto', role: 'operator' as const, token: 'operator-token-0123456789abcdef' },
];
const secret = 'a-console-session-secret-of-32-chars!';

describe('console sessions', () => {
  it('accepts a user with their own token only', () => {
    const s = new ConsoleSessions(tokens, secret, 60_000);
    assert.deepEqual(s.check('otto', tokens[1]!.token), { name: 'otto', role: 'operator' });
    assert.equal(s.check('vera', tokens[1]!.token), undefined, "another user's token");
    assert.equal(s.check('otto', 'wrong'), undefined);
    assert.equal(s.check('nobody', tokens[0]!.token), undefined);
  });

  it('verifies its own cookies and refuses tampered, foreign, expired or outdated ones', () => {
    const s = new ConsoleSessions(tokens, secret, 60_000);
    const now = Date.now();
    const cookie = s.issue('vera', now);
    const user = s.verify(cookie, now + 1000);
    assert.equal(user?.name, 'vera');
    assert.equal(user?.role, 'viewer');
    assert.ok(user!.csrf.length > 20);
    assert.equal(s.verify(cookie, now + 60_001), undefined, 'expired');
    const [body, sig] = cookie.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), n: 'otto' })).toString('base64url');
    assert.equal(s.verify(`${forged}.${sig}`, now), undefined, 'payload changed');
    assert.equal(new ConsoleSessions(tokens, `${secret}-other`, 60_000).verify(cookie, now), undefined, 'signed with another key');
    const rotated = new ConsoleSessions([{ ...tokens[0]!, token: 'a-new-viewer-token-0123456789' }, tokens[1]!], secret, 60_000);
    assert.equal(rotated.verify(cookie, now), undefined, 'the user changed their token');
    assert.equal(new ConsoleSessions([tokens[1]!], secret, 60_000).verify(cookie, now), undefined, 'the user was removed');
    assert.notEqual(s.verify(s.issue('vera', now), now)!.csrf, user!.csrf, 'each session its own CSRF token');
  });

  it('redirects after sign-in only inside the console', () => {
    assert.equal(safeNext('/console/dead-letters/0:1'), '/console/dead-letters/0:1');
    for (const bad of ['https://evil.example/', '//evil.example/console', '/consolex', '/admin/v1/audit', '/console\\..\\x', undefined]) assert.equal(safeNext(bad), '/console/', String(bad));
  });

  it('blocks an address after too many failed sign-ins, for the rest of the window', () => {
    const t = new LoginThrottle(3, 60_000);
    for (let i = 0; i < 3; i++) t.fail('10.0.0.1', 1000 + i);
    assert.ok(t.blockedFor('10.0.0.1', 2000) > 0);
    assert.equal(t.blockedFor('10.0.0.2', 2000), 0);
    assert.equal(t.blockedFor('10.0.0.1', 61_001), 0);
  });

  it('reads its settings from the environment and names a wrong variable', () => {
    const c = consoleConfigFromEnv({});
    assert.equal(c.services.find((s) => s.name === 'ops-monitor')?.url, 'http://127.0.0.1:18130');
    assert.equal(c.traceUrl, 'http://localhost:16686');
    assert.equal(c.sessionTtlMs, 8 * 3_600_000);
    assert.throws(() => consoleConfigFromEnv({ CONSOLE_SESSION_SECRET: 'short' }), /sessionSecret \(CONSOLE_SESSION_SECRET\): at least 32/);
    assert.throws(() => consoleConfigFromEnv({ CONSOLE_SERVICES: 'wms=not a url' }), /CONSOLE_SERVICES/);
    assert.throws(() => consoleConfigFromEnv({ CONSOLE_SAMPLE_INTERVAL: 'often' }), /CONSOLE_SAMPLE_INTERVAL/);
  });
});
