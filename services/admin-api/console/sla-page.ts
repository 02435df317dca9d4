import type { Router } from 'express';
import { pageHandler, userOf, type ConsoleDeps } from './console-deps.ts';
import { html, query } from './html.ts';
import { badge, consoleBase, page, time } from './layout.ts';

const overdue = (deadline: Date, end: Date) => {
  const s = Math.round((end.getTime() - deadline.getTime()) / 1000);
  return s < 120 ? `${s}s` : s < 7200 ? `${Math.round(s / 60)}m` : `${(s / 3600).toFixed(1)}h`;
};

/**
 * GET /console/sla: each business SLA rule with its open, met, breached and late counts, then
 * the obligations that missed their deadline (still open past it, or completed late), each
 * linking to its shipment's timeline. Filter with ?status=breached|late.
 */
export function slaRoutes(router: Router, deps: ConsoleDeps): void {
  router.get('/sla', pageHandler(deps, async (req, res) => {
    const status = req.query.status === 'breached' || req.query.status === 'late' ? req.query.status : undefined;
    const store = await deps.sla();
    const [summary, breaches] = await Promise.all([store.summary(), store.breaches({ status, limit: 300 })]);
    const now = new Date();
    const summaryRows = summary.map(
      (s) => html`<tr data-rule="${s.ruleId}"><td class="mono">${s.ruleId}</td><td>${s.description}</td><td>${s.within}</td><td class="num">${s.open}</td><td class="num">${s.met}</td>
        <td class="num">${s.breached > 0 ? badge(String(s.breached), 'bad') : '0'}</td><td class="num">${s.late > 0 ? badge(String(s.late), 'warn') : '0'}</td></tr>`,
    );
    const rows = breaches.map(
      (b) => html`<tr data-breach="${b.ruleId}:${b.startEventId}"><td>${badge(b.status, b.status === 'breached' ? 'bad' : 'warn')}</td><td class="mono">${b.ruleId}</td>
        <td><a class="mono" href="${consoleBase}/timeline${query({ q: b.key.replace(/^order:/, '') })}">${b.key}</a></td><td>${b.startEventType}</td><td>${time(b.startedAt)}</td><td>${time(b.deadline)}</td>
        <td>${b.completedAt ? time(b.completedAt) : html`<span class="muted">not yet</span>`}</td><td class="num">${overdue(b.deadline, b.completedAt ?? now)}</td></tr>`,
    );
    const tabs = html`<p>${[undefined, 'breached', 'late'].map((s) => html`<a class="badge ${s === status ? 'info' : 'muted'}" href="${consoleBase}/sla${query({ status: s })}">${s ?? 'all'}</a> `)}</p>`;
    const body = html`<h1>SLA breaches</h1>
      <h2>Rules</h2>${summaryRows.length ? html`<table id="sla-summary"><thead><tr><th>rule</th><th>description</th><th>within</th><th class="num">open</th><th class="num">met</th><th class="num">breached</th><th class="num">late</th></tr></thead><tbody>${summaryRows}</tbody></table>` : html`<p class="muted">No SLA rules declared (the ops monitor declares them from infra/slas.yaml).</p>`}
      <h2>Missed deadlines</h2>${tabs}
      ${rows.length ? html`<table id="sla-breaches"><thead><tr><th>status</th><th>rule</th><th>key</th><th>started by</th><th>started</th><th>deadline</th><th>completed</th><th class="num">overdue</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p class="muted">No missed deadlines.</p>`}`;
    res.type('html').send(page({ title: 'SLA breaches', active: 'sla', user: userOf(res), body }));
  }));
}
