import type { Router } from 'express';
import { pageHandler, userOf, type ConsoleDeps } from './console-deps.ts';
import { html, query } from './html.ts';
import { badge, consoleBase, page, time } from './layout.ts';
import { pollServices } from './service-health.ts';

const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

/**
 * GET /console/: the backbone at a glance. Services and their readiness (polled now),
 * consumer groups and their lag, topics with partitions, end offsets and current
 * throughput (from the sampler's newest sample), and counts of what needs attention.
 */
export function overviewRoutes(router: Router, deps: ConsoleDeps): void {
  router.get('/', pageHandler(deps, async (_req, res) => {
    const [services, sample, runs, breaches] = await Promise.all([
      pollServices(deps.config.services),
      deps.sampler.latest(),
      deps.tk.runs.list(50),
      deps.sla().then((s) => s.breaches({ status: 'breached', limit: 1000 })).catch(() => undefined),
    ]);
    const up = services.filter((s) => s.status === 'UP').length;
    const dlq = sample?.topics.find((t) => t.topic === deps.tk.platform.topics.deadLetter.name);
    const totalLag = sample?.groups.reduce((n, g) => n + g.lag, 0);
    const active = runs.filter((r) => r.status === 'running' || r.status === 'paused').length;
    const stats = html`<div class="grid">
      <div class="stat"><b>${up}/${services.length}</b><span>services ready</span></div>
      <div class="stat"><b>${fmt(sample?.groups.length)}</b><span>consumer groups</span></div>
      <div class="stat"><b>${fmt(totalLag)}</b><span>total lag (records)</span></div>
      <div class="stat"><b><a href="${consoleBase}/dead-letters">${fmt(dlq?.stored)}</a></b><span>dead letters stored</span></div>
      <div class="stat"><b><a href="${consoleBase}/replays">${active}</a></b><span>running or paused replays</span></div>
      <div class="stat"><b><a href="${consoleBase}/sla">${breaches ? breaches.length : '–'}</a></b><span>open SLA breaches</span></div>
    </div>`;
    const serviceRows = services.map(
      (s) => html`<tr data-service="${s.name}"><td>${s.name}</td><td>${badge(s.status, s.status === 'UP' ? 'ok' : s.status === 'DOWN' ? 'bad' : 'muted')}</td>
        <td>${Object.entries(s.checks).map(([k, v]) => html`${badge(`${k}: ${v}`, v === 'UP' ? 'ok' : 'bad')} `)}${s.error ? html`<span class="muted">${s.error}</span>` : ''}</td>
        <td class="num">${s.latencyMs === undefined ? '–' : `${s.latencyMs} ms`}</td><td class="mono muted">${s.url}</td></tr>`,
    );
    const groupRows = (sample?.groups ?? []).map(
      (g) => html`<tr data-group="${g.groupId}"><td class="mono">${g.groupId}</td><td>${g.topics.map((t) => html`<div class="mono">${t.topic}: ${fmt(t.lag)}</div>`)}</td>
        <td class="num">${g.lag > 0 ? badge(fmt(g.lag), g.lag > 1000 ? 'bad' : 'warn') : badge('0', 'ok')}</td></tr>`,
    );
    const topicRows = (sample?.topics ?? []).map(
      (t) => html`<tr data-topic="${t.topic}" data-end="${t.end}"><td class="mono">${t.topic}</td><td class="num">${t.partitions.length}</td>
        <td class="mono">${t.partitions.map((p) => `${p.partition}:${p.end}`).join(' ')}</td><td class="num">${fmt(t.end)}</td><td class="num">${fmt(t.stored)}</td><td class="num">${fmt(t.rate, 1)}</td></tr>`,
    );
    const body = html`<h1>Overview</h1>${stats}
      <h2>Services</h2><table id="services"><thead><tr><th>service</th><th>ready</th><th>checks</th><th class="num">latency</th><th>health URL</th></tr></thead><tbody>${serviceRows}</tbody></table>
      <h2>Consumer groups <a class="muted" href="${consoleBase}/lag">(plots)</a></h2>
      ${groupRows.length > 0
        ? html`<table id="groups"><thead><tr><th>group</th><th>lag per topic</th><th class="num">total lag</th></tr></thead><tbody>${groupRows}</tbody></table>`
        : html`<p class="muted">No consumer group has committed on the backbone's topics yet.</p>`}
      <h2>Topics</h2><table id="topics"><thead><tr><th>topic</th><th class="num">partitions</th><th>end offset per partition</th><th class="num">records written</th><th class="num">stored</th><th class="num">events/s</th></tr></thead><tbody>${topicRows}</tbody></table>
      <p class="muted">Sampled ${time(sample?.at)} every ${deps.sampler.intervalMs / 1000}s. <a href="${consoleBase}/${query({})}">Refresh</a></p>`;
    res.type('html').send(page({ title: 'Overview', active: 'overview', user: userOf(res), body }));
  }));
}
