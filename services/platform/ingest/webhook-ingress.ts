import express, { type ErrorRequestHandler, type Express, type Request, type Response } from 'express';
import {
  BackboneError,
  MalformedInputError,
  UnsupportedMediaTypeError,
  ValidationError,
  asBackboneError,
} from '../errors/backbone-error.ts';
import type { TypedEvent } from '../events/canonical-event.ts';
import { healthRouter, type ReadinessCheck } from '../http/health-router.ts';
import { sendProblem } from '../http/problem.ts';
import { SignatureError, type WebhookSignatureVerifier } from '../http/webhook-signature.ts';
import type { Logger } from '../logging/logger.ts';
import { metricsRouter } from '../telemetry/metrics-router.ts';
import { webhookMetrics } from '../telemetry/webhook-metrics.ts';
import type { IoLogisticsCommon } from '../events/canonical-event.ts';
import type { BodyRouter } from './body-router.ts';
import { MappingContext } from './mapping-context.ts';
import { checkedVendorEventId } from './vendor-event-id.ts';

/** A verified, validated vendor delivery, with what is needed to archive it. */
export interface Delivery {
  source: { kind: IoLogisticsCommon.SourceKind; system: string };
  endpoint: string;
  /** Vendor message kind, e.g. "pick.confirmed". */
  kind: string;
  vendorEventId: string;
  correlationId: string | undefined;
  webhookId: string;
  contentType: string;
  raw: Buffer;
  receivedAt: Date;
}

/** One canonical event as stored (or as stored earlier, for a duplicate delivery). */
export interface StoredEvent {
  eventId: string;
  eventType: string;
  topic: string;
  partition: number;
  offset: string;
}

/** The outcome of accepting a delivery. */
export interface AcceptResult {
  /** True when this delivery was accepted before: nothing new was published. */
  duplicate: boolean;
  events: StoredEvent[];
}

/** Stores a delivery's canonical events durably; resolves only after Kafka acknowledged them. */
export type AcceptFn = (delivery: Delivery, events: TypedEvent[]) => Promise<AcceptResult>;

/** What the ingress needs. */
export interface WebhookIngressDeps {
  source: { kind: IoLogisticsCommon.SourceKind; system: string };
  /** Path → router, e.g. { "/webhooks/wms/v1": jsonRouter(wmsMappings) }. */
  endpoints: Record<string, BodyRouter>;
  maxBodyBytes: number;
  verifier: WebhookSignatureVerifier;
  accept: AcceptFn;
  readiness: Record<string, ReadinessCheck>;
  logger: Logger;
}

/** The HTTP status for a refused or failed request, decided by error class and `retriable`. */
export function httpStatusOf(err: BackboneError): number {
  if (err instanceof SignatureError) return 401;
  if (err instanceof MalformedInputError) return 400;
  if (err instanceof UnsupportedMediaTypeError) return 415;
  if (err instanceof ValidationError) return 422;
  return err.retriable ? 503 : 500;
}

const header = (req: Request, name: string) => req.header(name)?.trim() || undefined;

/**
 * A vendor webhook endpoint. Order of checks: size (413), signature (401), media type (415),
 * syntax (400), message kind and fields (422); then the delivery is accepted: 202 once its
 * events are stored (200 for a repeated delivery), 503 with Retry-After while Kafka or the
 * registry is away, so the vendor retries. No downstream work happens on the request path.
 */
export function createWebhookIngress(deps: WebhookIngressDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRouter(deps.readiness));
  app.use(metricsRouter());
  app.use(webhookMetrics(deps.source.system, Object.keys(deps.endpoints)));

  for (const [endpoint, router] of Object.entries(deps.endpoints)) {
    app.post(endpoint, express.raw({ type: () => true, limit: deps.maxBodyBytes }), async (req: Request, res: Response) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const receivedAt = new Date();
      let log = deps.logger.child({ endpoint, webhookId: header(req, 'webhook-id') });
      try {
        const webhookId = deps.verifier.verify(raw, req.headers as Record<string, string>);
        const contentType = header(req, 'content-type') ?? '';
        const { kind, mapping, body } = router.route(raw, contentType);
        const value = mapping.validate(body);
        const vendorEventId = checkedVendorEventId(mapping.vendorEventId(value));
        const correlationId = header(req, 'x-correlation-id') ?? mapping.correlationId?.(value);
        const ctx = new MappingContext(deps.source, vendorEventId, receivedAt, correlationId);
        const events = mapping.map(value, ctx);
        log = log.child({ kind, vendorEventId, correlationId: events[0]?.event.envelope.correlationId });
        const result = await deps.accept(
          { source: deps.source, endpoint, kind, vendorEventId, correlationId, webhookId, contentType, raw, receivedAt },
          events,
        );
        log.info({ duplicate: result.duplicate, events: result.events }, result.duplicate ? 'repeated delivery: already stored' : 'delivery accepted');
        res.status(result.duplicate ? 200 : 202).json({ status: result.duplicate ? 'duplicate' : 'accepted', events: result.events });
      } catch (err) {
        const e = asBackboneError(err);
        const status = httpStatusOf(e);
        const level = status >= 500 ? 'error' : 'warn';
        log[level]({ code: e.code, status, err: e.message }, 'delivery refused');
        const issues = e instanceof ValidationError ? [...e.issues] : undefined;
        const detail = status === 503 ? `not stored, retry later: ${e.message}` : status === 500 ? 'internal error' : e.message;
        sendProblem(res, status, e.code, detail, { issues, retryAfterSeconds: status === 503 ? 5 : undefined });
      }
    });
  }

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
