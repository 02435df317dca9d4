import type { Router } from 'express';
import { controlRun } from '../../platform/replay/replay-commands.ts';
import { ReplayRequestError } from '../../platform/replay/replay-errors.ts';
import { pageHandler, requireOperatorPage, userOf, type ConsoleDeps } from './console-deps.ts';
import type { ConsoleUser } from './console-session.ts';
import { html } from './html.ts';
import { badge, consoleBase, csrfField, page, progressBar, time } from './layout.ts';

const tone = { running: 'info', paused: 'warn', completed: 'ok', cancelled: 'muted', failed: 'bad' } as const;
const actions = ['pause', 'resume', 'cancel'] as const;

function controls(user: ConsoleUser, runId: string, status: string, requested: string | null) {
  if (user.role !== 'operator' || (status !== 'running' && status !== 'paused')) return '';
  const allowed = actions.filter((a) => (a === 'pause' ? status === 'running' && requested !== 'pause' : a === 'resume' ? status === 'paused' || requested === 'pause' : true));
  return allowed.map(
    (a) => html`<form method="post" action="${consoleBase}/replays/${encodeURIComponent(runId)}/${a}" style="display:inline">${csrfField(user)}<button type="submit" class="${a === 'cancel' ? 'danger' : 'secondary'}" data-action="${a}">${a}</button></form> `,
  );
}

/**
 * Replays: GET /console/replays lists recent runs (newest first) with their progress through
 * the window, counts and who started them, refreshing while any is active; operators can
 * pause, resume or cancel an active run (POST /console/replays/:runId/:action), which the
 * running process picks up at its next record.
 */
export function replayRoutes(router: Router, deps: ConsoleDeps): void {
  router.get('/replays', pageHandler(deps, async (_req, res) => {
    const user = userOf(res);
    const runs = await deps.tk.runs.list(30);
    const details = await Promise.all(runs.map((r) => deps.tk.runs.get(r.runId)));
    const rows = runs.map((r, i) => {
      const pos = details[i]?.positions ?? [];
      const total = pos.reduce((n, p) => n + Number(BigInt(p.end) - BigInt(p.start)), 0);
      const done = pos.reduce((n, p) => n + Number(BigInt(p.next) - BigInt(p.start)), 0);
      const spec = r.spec as { topic?: string; from?: string; to?: string; shipments?: string[] };
      const counts = r.counts as { records?: number; consumers?: Record<string, { calls: number; alreadyDone: number }> };
      return html`<tr data-run="${r.runId}"><td class="mono">${r.runId}</td><td>${badge(r.status, tone[r.status])}${r.requested ? html` ${badge(`${r.requested} requested`, 'warn')}` : ''}</td>
        <td>${progressBar(done, total)}</td><td>${r.consumers.join(', ')}</td>
        <td class="mono">${spec.topic ?? ''}${spec.from ? ` from ${spec.from}` : ''}${spec.to ? ` to ${spec.to}` : ''}${spec.shipments?.length ? ` shipments ${spec.shipments.join(',')}` : ''}</td>
        <td class="mono">${Object.entries(counts.consumers ?? {}).map(([c, k]) => html`<div>${c}: ${k.calls} calls, ${k.alreadyDone} already done</div>`)}</td>
        <td>${r.actor}</td><td>${time(r.updatedAt)}</td><td>${r.error ? html`<span class="muted">${r.error}</span>` : ''}${controls(user, r.runId, r.status, r.requested)}</td></tr>`;
    });
    const active = runs.some((r) => r.status === 'running' || r.status === 'paused');
    const body = html`<h1>Replays</h1>
      <p class="muted">Start replays with <span class="mono">npm run replay</span> or <span class="mono">POST /admin/v1/replays</span>.${active ? ' This page refreshes every 5 s while a run is active.' : ''}</p>
      ${rows.length ? html`<table id="replays"><thead><tr><th>run</th><th>status</th><th>progress</th><th>consumers</th><th>window</th><th>counts</th><th>by</th><th>updated</th><th></th></tr></thead><tbody>${rows}</tbody></table>` : html`<p class="muted">No replay runs yet.</p>`}`;
    res.type('html').send(page({ title: 'Replays', active: 'replays', user, body, refreshSeconds: active ? 5 : undefined }));
  }));

  router.post('/replays/:runId/:action', pageHandler(deps, async (req, res) => {
    const action = String(req.params.action);
    if (!(actions as readonly string[]).includes(action)) return void res.status(404).type('text/plain').send(`no action ${action}: use pause, resume or cancel`);
    if (!requireOperatorPage(res)) return;
    const runId = String(req.params.runId);
    if (!(await controlRun(deps.tk, runId, action as (typeof actions)[number]))) throw new ReplayRequestError('RUN_NOT_ACTIVE', `no running or paused replay run ${runId}`);
    deps.logger.info({ actor: userOf(res).name, runId, action }, 'replay control from the console');
    res.redirect(303, `${consoleBase}/replays`);
  }));
}
