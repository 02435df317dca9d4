import type { Request, Response, Router } from 'express';
import type { Logger } from '../../platform/logging/logger.ts';
import { clearSessionCookie, ConsoleSessions, readCookie, sameOrigin, sessionCookie, setSessionCookie } from './console-session.ts';
import { html } from './html.ts';
import { consoleBase, page } from './layout.ts';
import { LoginThrottle } from './login-throttle.ts';

/** Only a path inside the console may be a post-login target (no open redirect). */
export function safeNext(next: unknown): string {
  const s = typeof next === 'string' ? next : '';
  return /^\/console(\/[^\\]*)?$/.test(s) && !s.startsWith('//') ? s : `${consoleBase}/`;
}

function loginPage(res: Response, status: number, next: string, opts: { error?: string; name?: string } = {}): void {
  const body = html`<div class="login card"><h1>Sign in</h1>
    <p class="muted">Use your admin API name and token.</p>
    ${opts.error ? html`<div class="flash bad" id="login-error">${opts.error}</div>` : ''}
    <form method="post" action="${consoleBase}/login">
      <input type="hidden" name="next" value="${next}">
      <label for="user">User name</label><input type="text" id="user" name="user" value="${opts.name ?? ''}" autocomplete="username" required autofocus>
      <label for="password">Password (token)</label><input type="password" id="password" name="password" autocomplete="current-password" required>
      <p><button type="submit" id="sign-in">Sign in</button></p>
    </form></div>`;
  res.status(status).type('html').send(page({ title: 'Sign in', body }));
}

/**
 * GET/POST /console/login and POST /console/logout. A login checks the user name and the
 * token (as password) against ADMIN_API_TOKENS, refuses cross-origin posts, and slows
 * guessing per client address; failed attempts are logged with the name, never the password.
 */
export function loginRoutes(router: Router, sessions: ConsoleSessions, logger: Logger): void {
  const throttle = new LoginThrottle();
  router.get('/login', (req: Request, res: Response) => {
    const next = safeNext(req.query.next);
    if (sessions.verify(readCookie(req, sessionCookie))) return res.redirect(303, next);
    loginPage(res, 200, next);
  });
  router.post('/login', (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const next = safeNext(body.next);
    const name = String(body.user ?? '').trim().slice(0, 100);
    if (!sameOrigin(req)) return loginPage(res, 403, next, { error: 'Refused: the form was not sent from this site.', name });
    const client = req.socket.remoteAddress ?? 'unknown';
    const wait = throttle.blockedFor(client);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      return loginPage(res, 429, next, { error: `Too many failed sign-ins: try again in ${wait} s.`, name });
    }
    const user = sessions.check(name, String(body.password ?? ''));
    if (!user) {
      throttle.fail(client);
      logger.warn({ user: name, client }, 'console sign-in refused');
      return loginPage(res, 401, next, { error: 'Wrong user name or password.', name });
    }
    throttle.succeed(client);
    setSessionCookie(req, res, sessions.issue(user.name), sessions.ttlMs);
    logger.info({ user: user.name, role: user.role }, 'console sign-in');
    res.redirect(303, next);
  });
  router.post('/logout', (req: Request, res: Response) => {
    // Logging out only clears this browser's cookie, so a cross-site post can do no harm beyond that; still refuse it.
    if (!sameOrigin(req)) return void res.status(403).type('text/plain').send('refused: cross-site form');
    clearSessionCookie(req, res);
    res.redirect(303, `${consoleBase}/login`);
  });
}
