import type { RequestHandler } from 'express';
import { webhookDuration, webhooksReceived } from './metrics.ts';

/**
 * Express middleware counting every answered request to a webhook endpoint by source system,
 * endpoint and HTTP status, with its duration. It hooks the response's end, so answers made
 * by error handlers (413 body too large, 400 unreadable body) count too. Other paths (health,
 * metrics) are not counted.
 */
export function webhookMetrics(source: string, endpoints: string[]): RequestHandler {
  const known = new Set(endpoints);
  return (req, res, next) => {
    const endpoint = req.path;
    if (req.method !== 'POST' || !known.has(endpoint)) return next();
    const end = webhookDuration.startTimer({ source, endpoint });
    res.once('finish', () => {
      end();
      webhooksReceived.inc({ source, endpoint, status: String(res.statusCode) });
    });
    next();
  };
}
