import { DownstreamError } from '../platform/errors/backbone-error.ts';
import { postJson } from '../platform/http/post-json.ts';

/** Kind of a logistics case in the CRM. */
export type CaseType = 'DELIVERY_EXCEPTION' | 'LATE_DELIVERY';

/** Body of `POST /api/v1/cases`: open a case, or add an update to the open case with the same external key. */
export interface CaseUpsert {
  /** Our key for "this shipment, this problem" (e.g. "SHP-1:WEATHER_DELAY"); the CRM keeps one open case per key. */
  externalKey: string;
  type: CaseType;
  subject: string;
  priority: 'HIGH' | 'NORMAL';
  shipmentId: string;
  orderId: string | null;
  carrierCode: string | null;
  trackingNumber: string | null;
  /** The event that opened or updated the case, as the case's newest activity. */
  update: Record<string, unknown>;
}

/** Body of `POST /api/v1/cases/{caseId}/close`. */
export interface CaseClose {
  resolution: 'DELIVERED';
  closedAt: string;
  eventId: string;
  podReference: string | null;
  signatureCaptured: boolean;
  exceptionsNoted: boolean;
}

/** The CRM's answer to an upsert. */
export interface CaseUpsertResult {
  caseId: string;
  /** True when the CRM opened a new case, false when it added the update to an open one. */
  created: boolean;
  /** True when the CRM recognised the idempotency key and changed nothing. */
  replayed: boolean;
}

/** Outcome of a close: closed now, already closed (409), or unknown to the CRM (404). */
export type CaseCloseOutcome = 'closed' | 'already-closed' | 'not-found';

/**
 * Client of the CRM's case API. Every call carries an idempotency key derived from the event id
 * and the correlation id for tracing. Failures are DownstreamErrors: retriable for timeouts,
 * connection errors, 408/429/5xx; final for other 4xx.
 *
 * - `POST /api/v1/cases` upserts by `externalKey`: 201 `{caseId, status:"OPEN"}` for a new case,
 *   200 with the same shape when the update went to the open case of that key.
 * - `POST /api/v1/cases/{caseId}/close`: 200 closed, 409 already closed, 404 unknown case.
 */
export class CrmClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  /** POSTs JSON; answers whose status is in `accepted` (or 2xx) come back, any other status throws. */
  private async post(path: string, idempotencyKey: string, correlationId: string, body: unknown, accepted: number[], signal?: AbortSignal): Promise<{ res: { status: number; headers: Headers }; json: Record<string, unknown> }> {
    const answer = await postJson('crm', `${this.baseUrl}${path}`, {
      body,
      headers: { 'idempotency-key': idempotencyKey, 'x-correlation-id': correlationId },
      timeoutMs: this.timeoutMs,
      signal,
      accept: accepted,
    });
    return { res: answer, json: answer.json };
  }

  /** Opens a case, or adds an update to the open case with the same external key. */
  async upsertCase(c: CaseUpsert, idempotencyKey: string, correlationId: string, signal?: AbortSignal): Promise<CaseUpsertResult> {
    const path = '/api/v1/cases';
    const { res, json } = await this.post(path, idempotencyKey, correlationId, c, [], signal);
    if (typeof json.caseId !== 'string') {
      throw new DownstreamError('crm', `CRM answered ${res.status} to POST ${path} without a caseId`, { status: 502 });
    }
    return { caseId: json.caseId, created: res.status === 201, replayed: res.headers.get('idempotent-replayed') === 'true' };
  }

  /** Closes a case; an already closed or unknown case is reported, not thrown, since there is nothing left to do. */
  async closeCase(caseId: string, close: CaseClose, idempotencyKey: string, correlationId: string, signal?: AbortSignal): Promise<CaseCloseOutcome> {
    const { res } = await this.post(`/api/v1/cases/${encodeURIComponent(caseId)}/close`, idempotencyKey, correlationId, close, [404, 409], signal);
    if (res.status === 404) return 'not-found';
    if (res.status === 409) return 'already-closed';
    return 'closed';
  }
}
