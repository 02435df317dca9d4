import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from '../platform/http/problem.ts';
import type { AdminApiConfig, AdminRole } from './admin-api-config.ts';

/** Who called: the token's name (recorded as the audit actor) and role. */
export interface Caller {
  name: string;
  role: AdminRole;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Bearer-token authentication: compares digests in constant time against every configured
 * token, and puts the caller on `res.locals.caller`. 401 without a valid token.
 */
export function authenticate(tokens: AdminApiConfig['tokens']) {
  const known = tokens.map((t) => ({ ...t, digest: digest(t.token) }));
  return (req: Request, res: Response, next: NextFunction) => {
    const m = /^Bearer (.+)$/.exec(req.header('authorization') ?? '');
    const given = m ? digest(m[1]!) : undefined;
    const match = given && known.find((t) => timingSafeEqual(t.digest, given));
    if (!match) return sendProblem(res, 401, 'UNAUTHENTICATED', 'a valid bearer token is required (Authorization: Bearer <token>)');
    res.locals.caller = { name: match.name, role: match.role } satisfies Caller;
    next();
  };
}

/** 403 unless the caller is an operator; used for every executing request. */
export function requireOperator(res: Response): boolean {
  const caller = res.locals.caller as Caller;
  if (caller.role === 'operator') return true;
  sendProblem(res, 403, 'FORBIDDEN', `${caller.name} is a viewer: executing needs the operator role`);
  return false;
}
