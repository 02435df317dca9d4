import express, { type ErrorRequestHandler, type Express, type Request, type Response } from 'express';
import { BackboneError, asBackboneError } from '../platform/errors/backbone-error.ts';
import type { EventProducer } from '../platform/kafka/event-producer.ts';
import { healthRouter, type ReadinessCheck } from '../platform/http/health-router.ts';
import { sendProblem } from '../platform/http/problem.ts';
import type { WebhookSignatureVerifier } from '../platform/http/webhook-signature.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { MappingContext } from './mappings/mapping-context.ts';
import type { WmsMapping } from './mappings/index.ts';

/** What the webhook app needs. */
export interface WebhookAppDeps {
  sourceSystem: string;
  maxBodyBytes: number;
  verifier: WebhookSignatureVerifier;
  mappings: Record<string, WmsMapping>;
  producer: () => EventProducer | undefined;
  readiness: Record<string, ReadinessCheck>;
  logger: Logger;
}

/**
 * The WMS webhook endpoint, POST /webhooks/wms/v1. Order of checks: size (413), signature
 * (401), JSON syntax (400), event kind and fields (422); only then is the event published,
 * and 202 is answered only after Kafka acknowledged it. Kafka or registry outages answer
 * 503 with Retry-After so the vendor retries; nothing is acknowledged that is not stored.
 */
export function createWebhookApp(deps: WebhookAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRouter(deps.readiness));

  app.post(
    '/webhooks/wms/v1',
    express.raw({ type: () => true, limit: deps.maxBodyBytes }),
    async (req: Request, res: Response) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const log = deps.logger.child({ route: 'wms-webhook', webhookId: req.header('webhook-id') });
      try {
        deps.verifier.verify(raw, req.headers as Record<string, string>);
      } catch (err) {
        const e = asBackboneError(err);
        log.warn({ code: e.code }, 'webhook refused: signature');
        return sendProblem(res, 401, e.code, e.message);
      }
      const contentType = req.header('content-type') ?? '';
      if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
        return sendProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `expected Content-Type application/json, got "${contentType || 'none'}"`);
      }
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch (err) {
        return sendProblem(res, 400, 'MALFORMED_JSON', `request body is not valid JSON: ${(err as Error).message}`);
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return sendProblem(res, 422, 'VALIDATION_FAILED', 'request body must be a JSON object', { issues: [{ path: '', message: 'expected object' }] });
      }
      const kind = (body as { eventType?: unknown }).eventType;
      const mapping = typeof kind === 'string' ? deps.mappings[kind] : undefined;
      if (!mapping) {
        const supported = Object.keys(deps.mappings).join(', ');
        return sendProblem(res, 422, 'UNKNOWN_EVENT_TYPE', `unknown WMS event type ${JSON.stringify(kind ?? null)}; supported: ${supported}`, {
          issues: [{ path: 'eventType', message: `must be one of: ${supported}` }],
        });
      }
      const parsed = mapping.schema.safeParse(body);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        return sendProblem(res, 422, 'VALIDATION_FAILED', `invalid ${kind} body: ${issues.map((i) => i.path || '(root)').join(', ')}`, { issues });
      }
      const producer = deps.producer();
      if (!producer) return sendProblem(res, 503, 'NOT_READY', 'adapter is starting', { retryAfterSeconds: 5 });
      const vendorEventId = (parsed.data as { eventId: string }).eventId;
      const typed = mapping.map(parsed.data, new MappingContext(deps.sourceSystem, vendorEventId));
      const elog = log.child({ eventId: typed.event.envelope.eventId, eventType: typed.eventType, correlationId: typed.event.envelope.correlationId });
      try {
        const [stored] = await producer.publish([typed]);
        elog.info({ topic: stored!.topic, partition: stored!.partition, offset: stored!.offset }, 'webhook accepted');
        res.status(202).json({ status: 'accepted', eventId: stored!.eventId, eventType: stored!.eventType, topic: stored!.topic, partition: stored!.partition, offset: stored!.offset });
      } catch (err) {
        const e = asBackboneError(err);
        elog.error({ code: e.code, err: e.message }, 'event not stored');
        if (e.retriable) return sendProblem(res, 503, e.code, `event could not be stored, retry later: ${e.message}`, { retryAfterSeconds: 5 });
        return sendProblem(res, 500, e.code, e.message);
      }
    },
  );

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    const status = typeof err?.status === 'number' ? err.status : 500;
    if (status === 413) return sendProblem(res, 413, 'BODY_TOO_LARGE', `request body exceeds ${deps.maxBodyBytes} bytes`);
    if (status >= 400 && status < 500) return sendProblem(res, status, 'BAD_REQUEST', String(err?.message ?? 'bad request'));
    deps.logger.error({ err: err instanceof BackboneError ? err.toJSON() : String(err) }, 'unhandled request error');
    return sendProblem(res, 500, 'INTERNAL', 'internal error');
  };
  app.use(onError);
  return app;
}
