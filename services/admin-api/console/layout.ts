import { html, trusted, type SafeHtml } from './html.ts';
import type { ConsoleUser } from './console-session.ts';

/** Where the console is mounted. */
export const consoleBase = '/console';

const nav: Array<[string, string]> = [
  ['overview', 'Overview'],
  ['lag', 'Lag & throughput'],
  ['dead-letters', 'Dead letters'],
  ['replays', 'Replays'],
  ['sla', 'SLA'],
  ['timeline', 'Shipment timeline'],
];

// Small inline stylesheet: the console must work without any external resource.
const css = trusted(`
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f4f6f9}
header{display:flex;align-items:center;gap:18px;background:#1f2a44;color:#fff;padding:0 20px;height:48px}
header .brand{font-weight:600;letter-spacing:.2px}header nav{display:flex;gap:4px;flex:1}
header nav a{color:#c9d3ea;text-decoration:none;padding:6px 10px;border-radius:6px}header nav a.on,header nav a:hover{background:#34426a;color:#fff}
header .who{color:#c9d3ea;font-size:13px}header form{display:inline}
main{max-width:1280px;margin:0 auto;padding:18px 20px 40px}h1{font-size:20px;margin:4px 0 14px}h2{font-size:16px;margin:22px 0 8px}
.card{background:#fff;border:1px solid #dde3ec;border-radius:8px;padding:14px 16px;margin-bottom:16px}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #e6eaf1;vertical-align:top}
th{font-weight:600;color:#4a5572;background:#f7f9fc;font-size:12.5px;text-transform:uppercase;letter-spacing:.3px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
pre{background:#f7f9fc;border:1px solid #e6eaf1;border-radius:6px;padding:10px;overflow:auto;max-height:420px;margin:0}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}
.ok{background:#dcf5e6;color:#126b3a}.bad{background:#fde2e1;color:#a1221b}.warn{background:#fff1d6;color:#8a5a00}.muted{color:#6b7590}.info{background:#e3ecff;color:#2547a8}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px;margin-bottom:16px}
.stat{background:#fff;border:1px solid #dde3ec;border-radius:8px;padding:12px 14px}.stat b{display:block;font-size:22px}.stat span{color:#6b7590;font-size:12.5px}
button,.button{font:inherit;border:1px solid #2f4dbb;background:#3557d4;color:#fff;border-radius:6px;padding:5px 12px;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#fff;color:#2f4dbb}button.danger{background:#c2372f;border-color:#a1221b}
input[type=text],input[type=password],input[type=search]{font:inherit;padding:6px 9px;border:1px solid #c4ccda;border-radius:6px;min-width:260px}
.bar{background:#e6eaf1;border-radius:5px;height:10px;width:180px;display:inline-block;vertical-align:middle;overflow:hidden}.bar i{display:block;height:100%;background:#3557d4}
.flash{padding:10px 14px;border-radius:6px;margin-bottom:14px}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:14px}
.login{max-width:360px;margin:80px auto}.login label{display:block;margin:10px 0 4px;color:#4a5572}.login input{width:100%}
a{color:#2f4dbb}
`);

/** A full console page: header with navigation and the signed-in user, then `body`. */
export function page(opts: { title: string; active?: string; user?: ConsoleUser; body: SafeHtml; refreshSeconds?: number }): string {
  const links = nav.map(([id, label]) => html`<a href="${consoleBase}/${id === 'overview' ? '' : id}" class="${id === opts.active ? 'on' : ''}">${label}</a>`);
  const who = opts.user
    ? html`<span class="who">${opts.user.name} (${opts.user.role})</span>
        <form method="post" action="${consoleBase}/logout"><input type="hidden" name="_csrf" value="${opts.user.csrf}"><button class="secondary" type="submit">Log out</button></form>`
    : '';
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
${opts.refreshSeconds ? html`<meta http-equiv="refresh" content="${opts.refreshSeconds}">` : ''}
<title>${opts.title} · Backbone console</title><style>${css}</style></head>
<body><header><span class="brand">Logistics Event Backbone</span>${opts.user ? html`<nav>${links}</nav>` : html`<nav></nav>`}${who}</header>
<main>${opts.body}</main></body></html>`.value;
}

/** A hidden CSRF field for a form. */
export function csrfField(user: ConsoleUser): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${user.csrf}">`;
}

/** A coloured status badge. */
export function badge(text: string, tone: 'ok' | 'bad' | 'warn' | 'info' | 'muted'): SafeHtml {
  return html`<span class="badge ${tone}">${text}</span>`;
}

/** A time as "YYYY-MM-DD HH:MM:SS.mmm" (UTC), with the ISO text as tooltip. */
export function time(value: Date | string | number | undefined | null): SafeHtml {
  if (value === undefined || value === null || value === '') return html`<span class="muted">–</span>`;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return html`${String(value)}`;
  const iso = d.toISOString();
  return html`<time datetime="${iso}" title="${iso}">${iso.replace('T', ' ').replace('Z', '')}</time>`;
}

/** A progress bar with a percentage. */
export function progressBar(done: number, total: number): SafeHtml {
  const pct = total <= 0 ? 100 : Math.min(100, Math.floor((done / total) * 100));
  return html`<span class="bar" role="progressbar" aria-valuenow="${pct}" aria-valuemin="0" aria-valuemax="100"><i style="width:${pct}%"></i></span> <span class="mono">${done}/${total} (${pct}%)</span>`;
}
