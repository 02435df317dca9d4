import type { Router } from 'express';
import { pageHandler, userOf, type ConsoleDeps } from './console-deps.ts';
import { html } from './html.ts';
import { badge, consoleBase, page, time } from './layout.ts';

const kindTone = { event: 'info', retry: 'warn', 'dead-letter': 'bad' } as const;

/**
 * GET /console/timeline?q=<shipment id, order id or key>: every record of that shipment (and
 * of its order) across the lifecycle, retry and dead-letter topics, in order, with source,
 * occurred/recorded times, topic/partition/offset, which consumers processed each event, and
 * a link to its trace in the trace viewer (CONSOLE_TRACE_URL) when a trace id is known.
 */
export function timelineRoutes(router: Router, deps: ConsoleDeps): void {
  router.get('/timeline', pageHandler(deps, async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 200) : '';
    const entries = q ? await (await deps.timeline()).search(q, { limit: 500 }) : [];
    const form = html`<form method="get" action="${consoleBase}/timeline" class="card" role="search">
      <input type="search" name="q" id="timeline-q" value="${q}" placeholder="shipment id, order id or key" autofocus> <button type="submit">Search</button></form>`;
    const rows = entries.map(
      (e, i) => html`<tr data-event-id="${e.eventId}" data-kind="${e.kind}"><td class="num">${i + 1}</td><td>${time(e.occurredAt)}</td><td>${time(e.recordedAt)}</td>
        <td><b>${e.eventType}</b>${e.error ? html`<div class="muted">${e.error}</div>` : ''}</td><td>${badge(e.kind, kindTone[e.kind])}${e.consumer ? html` <span class="muted">${e.consumer}</span>` : ''}${e.reason ? html`<div class="muted">${e.reason}</div>` : ''}</td>
        <td>${e.source}</td><td class="mono">${e.topic}<br>p${e.partition} @ ${e.offset}</td>
        <td class="consumers">${e.processedBy.length ? e.processedBy.map((p) => html`<div>${badge(p.consumer, p.state === 'done' ? 'ok' : 'warn')} ${p.state === 'done' ? time(p.doneAt) : html`<span class="muted">pending</span>`}</div>`) : html`<span class="muted">none yet</span>`}</td>
        <td>${e.traceId ? html`<a class="mono" href="${deps.config.traceUrl}/trace/${encodeURIComponent(e.traceId)}" target="_blank" rel="noopener noreferrer">${e.traceId.slice(0, 12)}…</a>` : html`<span class="muted">–</span>`}
          ${e.correlationId ? html`<div class="muted mono" title="correlation id">${e.correlationId}</div>` : ''}</td></tr>`,
    );
    const ids = [...new Set(entries.map((e) => e.shipmentId).filter(Boolean))];
    const orders = [...new Set(entries.map((e) => e.orderId).filter(Boolean))];
    const result = !q
      ? html`<p class="muted">Search a shipment id (e.g. SHP-…), an order id or a record key.</p>`
      : entries.length === 0
        ? html`<p id="timeline-empty">No events found for <b>${q}</b>.</p>`
        : html`<p>${entries.length} records for <b>${q}</b>${ids.length ? html` · shipment ${ids.join(', ')}` : ''}${orders.length ? html` · order ${orders.join(', ')}` : ''}, in the order they happened.</p>
          <table id="timeline"><thead><tr><th class="num">#</th><th>occurred</th><th>recorded</th><th>event</th><th>kind</th><th>source</th><th>topic / partition @ offset</th><th>processed by</th><th>trace</th></tr></thead><tbody>${rows}</tbody></table>`;
    res.type('html').send(page({ title: q ? `Timeline ${q}` : 'Shipment timeline', active: 'timeline', user: userOf(res), body: html`<h1>Shipment timeline</h1>${form}${result}` }));
  }));
}
