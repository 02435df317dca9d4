import type { Request, Response } from 'express';
import { BackboneError } from '../../platform/errors/backbone-error.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { ReplayRequestError } from '../../platform/replay/replay-errors.ts';
import type { ReplayToolkit } from '../../platform/replay/replay-toolkit.ts';
import type { SlaStore } from '../../platform/sla/sla-store.ts';
import type { TimelineStore } from '../../platform/timeline/timeline-store.ts';
import type { ConsoleConfig } from './console-config.ts';
import type { ConsoleUser } from './console-session.ts';
import { html } from './html.ts';
import { consoleBase, page } from './layout.ts';
import type { MetricsSampler } from './metrics-sampler.ts';

/** What the console's pages read from and act on. */
export interface ConsoleDeps {
  tk: ReplayToolkit;
  config: ConsoleConfig;
  sampler: MetricsSampler;
  /** Opened on first use (creates its tables when the ops monitor has not yet). */
  timeline: () => Promise<TimelineStore>;
  sla: () => Promise<SlaStore>;
  logger: Logger;
}

/** The signed-in user of a request (set by requireSession). */
export const userOf = (res: Response): ConsoleUser => res.locals.user as ConsoleUser;

/** Renders an error page with a status: request errors 400 (409 for conflicts), backbone failures 503/500. */
export function sendErrorPage(res: Response, status: number, title: string, message: string): void {
  const user = res.locals.user as ConsoleUser | undefined;
  res.status(status).type('html').send(page({ title, user, body: html`<h1>${title}</h1><div class="card flash bad">${message}</div><p><a href="${consoleBase}/">Back to the overview</a></p>` }));
}

/** Wraps a page handler: failures become an error page instead of an unhandled rejection. */
export const pageHandler = (deps: ConsoleDeps, fn: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
  try {
    await fn(req, res);
  } catch (err) {
    if (err instanceof ReplayRequestError) return sendErrorPage(res, ['GROUP_ACTIVE', 'RUN_CONFLICT', 'RUN_NOT_ACTIVE'].includes(err.code) ? 409 : 400, err.code, err.message);
    const retriable = err instanceof BackboneError && err.retriable;
    deps.logger.error({ err: (err as Error).message, path: req.path }, 'console page failed');
    sendErrorPage(res, retriable ? 503 : 500, retriable ? 'Temporarily unavailable' : 'Something went wrong', (err as Error).message);
  }
};

/** 403 page unless the user is an operator. */
export function requireOperatorPage(res: Response): boolean {
  const user = userOf(res);
  if (user.role === 'operator') return true;
  sendErrorPage(res, 403, 'Not allowed', `${user.name} is a viewer: this action needs the operator role`);
  return false;
}
