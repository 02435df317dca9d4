import type { Response } from 'express';

/** One problem with a request, with the path of the field it concerns when there is one. */
export interface ProblemIssue {
  path: string;
  message: string;
}

/**
 * Answers with an RFC 9457 problem document: a stable `code` clients can branch on, a
 * human-readable `detail` naming the problem, and field `issues` where they apply.
 */
export function sendProblem(
  res: Response,
  status: number,
  code: string,
  detail: string,
  extra: { issues?: ProblemIssue[]; retryAfterSeconds?: number } = {},
): void {
  if (extra.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(extra.retryAfterSeconds));
  res
    .status(status)
    .type('application/problem+json')
    .json({ type: `urn:logistics-backbone:problem:${code.toLowerCase()}`, title: code, status, code, detail, ...(extra.issues ? { issues: extra.issues } : {}) });
}
