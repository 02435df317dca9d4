import type { Router } from 'express';
import { tallies } from '../../platform/replay/dead-letter-redrive.ts';
import { deadLetterList, redriveCommand } from '../../platform/replay/replay-commands.ts';
import { pageHandler, requireOperatorPage, sendErrorPage, userOf, type ConsoleDeps } from './console-deps.ts';
import { html, query } from './html.ts';
import { badge, consoleBase, csrfField, page, time } from './layout.ts';
import { decodePayload, headerRows, hexDump } from './payload-view.ts';

const short = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n)}…` : s);
const entryUrl = (id: string) => `${consoleBase}/dead-letters/${encodeURIComponent(id)}`;

/**
 * Dead letters: GET /console/dead-letters lists them grouped by consumer and error code
 * (filter by either); GET /console/dead-letters/:id inspects one (reason, original headers,
 * payload decoded with today's schemas when it decodes, raw bytes as hex and base64, and its
 * redrive history from the audit log); POST /console/dead-letters/:id/redrive (operators)
 * republishes it to its original topic through the replay toolkit's redrive, audited under
 * the signed-in user's name.
 */
export function deadLetterRoutes(router: Router, deps: ConsoleDeps): void {
  router.get('/dead-letters', pageHandler(deps, async (req, res) => {
    const consumer = typeof req.query.consumer === 'string' && req.query.consumer ? req.query.consumer : undefined;
    const errorCode = typeof req.query.errorCode === 'string' && req.query.errorCode ? req.query.errorCode : undefined;
    const { topic, groups: all, entries: everything } = await deadLetterList(deps.tk, {});
    const entries = everything.filter((e) => (!consumer || e.consumer === consumer) && (!errorCode || e.errorCode === errorCode));
    const groupRows = all.map(
      (g) => html`<tr><td><a href="${consoleBase}/dead-letters${query({ consumer: g.consumer })}">${g.consumer || '(unknown)'}</a></td>
        <td><a href="${consoleBase}/dead-letters${query({ consumer: g.consumer, errorCode: g.errorCode })}">${g.errorCode}</a></td>
        <td class="num">${g.count}</td><td class="num">${g.valid}</td><td>${time(g.firstFailedAt)}</td><td>${time(g.lastFailedAt)}</td></tr>`,
    );
    const rows = [...entries].reverse().map(
      (e) => html`<tr data-dead-letter="${e.id}"><td><a class="mono" href="${entryUrl(e.id)}">${e.id}</a></td><td>${time(e.failedAt)}</td><td>${e.consumer}</td>
        <td>${badge(e.errorCode, e.retriable ? 'warn' : 'bad')}</td><td class="mono">${e.key ?? ''}</td>
        <td>${e.validation.ok ? e.validation.eventType : badge('undecodable', 'muted')}</td>
        <td class="mono">${e.original.topic}/${e.original.partition}@${e.original.offset}</td><td>${short(e.errorMessage)}</td></tr>`,
    );
    const filter = consumer || errorCode ? html`<p>Showing ${consumer ? html`consumer <b>${consumer}</b> ` : ''}${errorCode ? html`error <b>${errorCode}</b> ` : ''}· <a href="${consoleBase}/dead-letters">show all</a></p>` : '';
    const body = html`<h1>Dead letters</h1><p class="muted">Topic <span class="mono">${topic}</span>: ${entries.length} shown.</p>${filter}
      <h2>By consumer and error</h2>
      ${groupRows.length ? html`<table id="dead-letter-groups"><thead><tr><th>consumer</th><th>error code</th><th class="num">count</th><th class="num">decodable now</th><th>first failed</th><th>last failed</th></tr></thead><tbody>${groupRows}</tbody></table>` : html`<p class="muted">No dead letters.</p>`}
      <h2>Entries (newest first)</h2>
      ${rows.length ? html`<table id="dead-letters"><thead><tr><th>id</th><th>failed at</th><th>consumer</th><th>error</th><th>key</th><th>event</th><th>original record</th><th>message</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p class="muted">None.</p>`}`;
    res.type('html').send(page({ title: 'Dead letters', active: 'dead-letters', user: userOf(res), body }));
  }));

  router.get('/dead-letters/:id', pageHandler(deps, async (req, res) => {
    const id = String(req.params.id);
    if (!/^\d+:\d+$/.test(id)) return sendErrorPage(res, 400, 'Bad dead-letter id', `"${id}" is not a dead-letter id such as 0:42 (partition:offset)`);
    const { topic, entries } = await deadLetterList(deps.tk, { ids: [id] });
    const e = entries[0];
    if (!e) return sendErrorPage(res, 404, 'No such dead letter', `no dead letter ${id} on ${topic}`);
    const user = userOf(res);
    const [payload, audit] = await Promise.all([decodePayload(deps.tk.platform.codec, e.value), deps.tk.audit.list()]);
    const history = audit.filter((a) => a.action === 'redrive' && Array.isArray(a.what.ids) && (a.what.ids as unknown[]).includes(id));
    const value = e.value ?? Buffer.alloc(0);
    const redrive =
      user.role === 'operator'
        ? html`<form method="post" action="${entryUrl(id)}/redrive" id="redrive-form">${csrfField(user)}
            <button type="submit" id="redrive">Redrive to ${e.original.topic}</button>
            ${history.length ? html` <label><input type="checkbox" name="again" value="1"> again (it was redriven before)</label>` : ''}
            ${e.validation.ok ? '' : html` <span class="muted">It does not decode with today's schemas, so a redrive will leave it here.</span>`}</form>`
        : html`<p class="muted">Redriving needs the operator role.</p>`;
    const body = html`<h1>Dead letter <span class="mono">${id}</span></h1>
      <div class="card"><table><tbody>
        <tr><th>consumer</th><td>${e.consumer}</td><th>failed at</th><td>${time(e.failedAt)}</td></tr>
        <tr><th>error</th><td>${badge(e.errorCode, e.retriable ? 'warn' : 'bad')} ${e.retriable ? 'retriable' : 'final'}, ${e.attempts} attempt(s)</td><th>key</th><td class="mono">${e.key ?? ''}</td></tr>
        <tr><th>original</th><td class="mono">${e.original.topic} / ${e.original.partition} @ ${e.original.offset}</td><th>original time</th><td>${time(e.original.timestamp ? Number(e.original.timestamp) : undefined)}</td></tr>
        <tr><th>today's schemas</th><td colspan="3">${e.validation.ok ? html`${badge('decodes', 'ok')} ${e.validation.eventType} <span class="mono">${e.validation.eventId}</span>` : html`${badge(e.validation.code, 'bad')} ${e.validation.message}`}</td></tr>
      </tbody></table></div>
      <h2>Reason</h2><pre id="reason">${e.errorMessage}</pre>
      <h2>Redrive</h2><div class="card">${redrive}
        ${history.length ? html`<table id="redrive-history"><thead><tr><th>redriven at</th><th>by</th><th>target</th><th>outcome</th><th>counts</th></tr></thead><tbody>${history.map((a) => html`<tr><td>${time(a.at)}</td><td>${a.actor}</td><td>${String(a.what.target ?? '')}</td><td>${a.outcome}</td><td class="mono">${Object.entries(a.counts).filter(([, n]) => n > 0).map(([k, n]) => `${k}=${n}`).join(' ')}</td></tr>`)}</tbody></table>` : html`<p class="muted">Not redriven yet.</p>`}</div>
      <h2>Original headers</h2>
      <table id="headers"><thead><tr><th>header</th><th>value</th></tr></thead><tbody>${headerRows(e.headers).map(([k, v]) => html`<tr><td class="mono">${k}</td><td class="mono">${v}</td></tr>`)}</tbody></table>
      <h2>Payload ${payload.ok ? html`(${payload.eventType}, writer schema id ${payload.schemaId})` : ''}</h2>
      ${payload.ok ? html`<pre id="payload">${payload.json}</pre>` : html`<div class="flash warn">Not decodable: ${payload.error}</div>`}
      <h2>Raw bytes (${value.length})</h2><pre id="hex">${hexDump(value)}</pre>
      <h2>Base64</h2><pre id="base64" style="white-space:pre-wrap;word-break:break-all">${value.toString('base64')}</pre>`;
    res.type('html').send(page({ title: `Dead letter ${id}`, active: 'dead-letters', user, body }));
  }));

  router.post('/dead-letters/:id/redrive', pageHandler(deps, async (req, res) => {
    if (!requireOperatorPage(res)) return;
    const id = String(req.params.id);
    if (!/^\d+:\d+$/.test(id)) return sendErrorPage(res, 400, 'Bad dead-letter id', `"${id}" is not a dead-letter id such as 0:42`);
    const user = userOf(res);
    const again = (req.body as Record<string, unknown> | undefined)?.again === '1';
    const out = await redriveCommand(deps.tk, { ids: [id], target: 'topic', again, execute: true, actor: user.name });
    deps.logger.info({ actor: user.name, deadLetter: id, redriveId: out.report?.redriveId }, 'dead letter redriven from the console');
    const counts = out.report ? tallies(out.report) : {};
    const done = (out.report?.redriven.length ?? 0) > 0;
    const body = html`<h1>Redrive of <span class="mono">${id}</span></h1>
      <div class="card flash ${done ? 'ok' : 'warn'}" id="redrive-result">${done ? html`Redriven to its original topic (redrive ${out.report!.redriveId}), recorded in the audit log as ${user.name}.` : html`Nothing was redriven: ${Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${k}=${n}`).join(', ') || 'no matching entry'}.`}</div>
      <p><a href="${entryUrl(id)}">Back to the dead letter</a> · <a href="${consoleBase}/dead-letters">All dead letters</a></p>`;
    res.type('html').send(page({ title: 'Redrive', active: 'dead-letters', user, body }));
  }));
}
