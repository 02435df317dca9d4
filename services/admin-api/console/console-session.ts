import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { AdminApiConfig, AdminRole } from '../admin-api-config.ts';

/** The signed-in user: the token's name (the audit actor) and role. */
export interface ConsoleUser {
  name: string;
  role: AdminRole;
  /** Per-session CSRF token, required in every form POST. */
  csrf: string;
}

/** Cookie name of the console session. */
export const sessionCookie = 'leb_console';

interface SessionPayload {
  /** user name */
  n: string;
  /** session id */
  s: string;
  /** expiry, epoch millis */
  e: number;
  /** fingerprint of the user's token: changing the token ends its sessions */
  f: string;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Console logins over the admin API's credentials (ADMIN_API_TOKENS: the token is the
 * password). A session is a cookie holding name, session id, expiry and a fingerprint of the
 * user's token, signed with HMAC-SHA256; the role is looked up on every request, so removing
 * a user or changing their token ends their sessions at once.
 */
export class ConsoleSessions {
  private readonly key: Buffer;
  private readonly users: Array<AdminApiConfig['tokens'][number] & { digest: Buffer }>;

  constructor(
    tokens: AdminApiConfig['tokens'],
    secret: string | undefined,
    readonly ttlMs: number,
  ) {
    // Without a configured secret, sessions are valid for this process only.
    this.key = secret ? Buffer.from(secret) : randomBytes(32);
    this.users = tokens.map((t) => ({ ...t, digest: digest(t.token) }));
  }

  private mac(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }

  private fingerprint(token: string): string {
    return this.mac(`fp:${token}`).slice(0, 16);
  }

  /** Checks a user name and password (a token) in constant time per user; the user or undefined. */
  check(name: string, password: string): { name: string; role: AdminRole } | undefined {
    const given = digest(password);
    let found: { name: string; role: AdminRole } | undefined;
    // Compare against every user, so the time taken does not tell which names exist.
    for (const u of this.users) if (timingSafeEqual(u.digest, given) && u.name === name) found = { name: u.name, role: u.role };
    return found;
  }

  /** A signed cookie value for a fresh session of `name`. */
  issue(name: string, now = Date.now()): string {
    const user = this.users.find((u) => u.name === name);
    if (!user) throw new Error(`no console user ${name}`);
    const payload: SessionPayload = { n: name, s: randomBytes(16).toString('base64url'), e: now + this.ttlMs, f: this.fingerprint(user.token) };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The user of a cookie value, or undefined when it is unsigned, tampered, expired or the user changed. */
  verify(cookie: string | undefined, now = Date.now()): ConsoleUser | undefined {
    if (!cookie) return undefined;
    const [body, sig] = cookie.split('.');
    if (!body || !sig) return undefined;
    const expected = Buffer.from(this.mac(body));
    const got = Buffer.from(sig);
    if (expected.length !== got.length || !timingSafeEqual(expected, got)) return undefined;
    let p: SessionPayload;
    try {
      p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SessionPayload;
    } catch {
      return undefined;
    }
    if (typeof p.e !== 'number' || p.e <= now) return undefined;
    const user = this.users.find((u) => u.name === p.n);
    if (!user || this.fingerprint(user.token) !== p.f) return undefined;
    return { name: user.name, role: user.role, csrf: this.mac(`csrf:${p.s}`) };
  }
}

/** Reads one cookie from the Cookie header. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/** Set-Cookie for the session: HttpOnly, SameSite=Strict, path /console, Secure over TLS. */
export function setSessionCookie(req: Request, res: Response, value: string, maxAgeMs: number): void {
  res.cookie(sessionCookie, value, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/console', maxAge: maxAgeMs });
}

/** Clears the session cookie. */
export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(sessionCookie, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/console' });
}

/**
 * Whether a state-changing request comes from this origin: the Origin header (or, when a
 * browser sends none, the Referer) must name the host the request was sent to. Together
 * with SameSite=Strict and the per-session token this refuses cross-site form posts.
 */
export function sameOrigin(req: Request): boolean {
  const host = req.header('host');
  const from = req.header('origin') ?? req.header('referer');
  if (!host || !from || from === 'null') return false;
  try {
    return new URL(from).host === host;
  } catch {
    return false;
  }
}

/** Redirects to the login page (GET) or answers 401 (other methods) without a valid session; puts the user on `res.locals.user`. */
export function requireSession(sessions: ConsoleSessions, base: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = sessions.verify(readCookie(req, sessionCookie));
    if (!user) {
      if (req.method === 'GET') return res.redirect(303, `${base}/login?next=${encodeURIComponent(req.originalUrl)}`);
      return res.status(401).type('text/plain').send('sign in first');
    }
    res.locals.user = user;
    next();
  };
}

/** Refuses POSTs from another origin or without the session's CSRF token (403). */
export function requireCsrf(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'POST') return next();
  const user = res.locals.user as ConsoleUser;
  const token = String((req.body as Record<string, unknown> | undefined)?._csrf ?? '');
  const ok = sameOrigin(req) && token.length === user.csrf.length && timingSafeEqual(Buffer.from(token), Buffer.from(user.csrf));
  if (!ok) return void res.status(403).type('text/plain').send('refused: cross-site or stale form (reload the page and try again)');
  next();
}
