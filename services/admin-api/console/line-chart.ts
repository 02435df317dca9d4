import { escapeHtml, trusted, type SafeHtml } from './html.ts';

/** One line of a chart: a name and its points (time in epoch millis, value). */
export interface ChartSeries {
  name: string;
  points: Array<{ t: number; v: number }>;
}

const palette = ['#3557d4', '#d9480f', '#2b8a3e', '#ae3ec9', '#e8590c', '#1098ad', '#c92a2a', '#5c7cfa', '#74b816', '#f59f00'];

/** Rounds a maximum up to a "nice" axis end (1, 2, 2.5, 5 times a power of ten). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

const hhmmss = (t: number) => new Date(t).toISOString().slice(11, 19);
const label = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(0)}k` : Number.isInteger(v) ? String(v) : String(Number(v.toFixed(2))));

/**
 * A line chart as inline SVG, rendered on the server (no script, no external resource):
 * time on x (UTC clock labels), value on y from 0 to a nice maximum, one coloured line per
 * series and a legend. Series names are escaped.
 */
export function lineChart(opts: { title: string; unit: string; series: ChartSeries[]; width?: number; height?: number }): SafeHtml {
  const width = opts.width ?? 600;
  const height = opts.height ?? 240;
  const m = { left: 52, right: 14, top: 30, bottom: 26 };
  const legendRows = Math.ceil(opts.series.length / 2);
  const plotH = height - m.top - m.bottom;
  const plotW = width - m.left - m.right;
  const total = height + legendRows * 18;
  const all = opts.series.flatMap((s) => s.points);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${total}" width="100%" role="img" aria-label="${escapeHtml(opts.title)}" class="chart">`,
    `<rect x="0" y="0" width="${width}" height="${total}" fill="#fff"/>`,
    `<text x="${m.left}" y="18" font-size="13" font-weight="600" fill="#1d2330">${escapeHtml(opts.title)}</text>`,
    `<text x="${width - m.right}" y="18" font-size="11" fill="#6b7590" text-anchor="end">${escapeHtml(opts.unit)}</text>`,
  ];
  if (all.length === 0) {
    parts.push(`<text x="${width / 2}" y="${m.top + plotH / 2}" font-size="12" fill="#6b7590" text-anchor="middle">no samples yet</text></svg>`);
    return trusted(parts.join(''));
  }
  const t0 = Math.min(...all.map((p) => p.t));
  const t1 = Math.max(t0 + 1000, ...all.map((p) => p.t));
  const yMax = niceMax(Math.max(...all.map((p) => p.v)));
  const x = (t: number) => m.left + ((t - t0) / (t1 - t0)) * plotW;
  const y = (v: number) => m.top + plotH - (v / yMax) * plotH;
  for (let i = 0; i <= 4; i++) {
    const v = (yMax / 4) * i;
    parts.push(`<line x1="${m.left}" x2="${m.left + plotW}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${i === 0 ? '#8792a8' : '#e6eaf1'}"/>`);
    parts.push(`<text x="${m.left - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="11" fill="#6b7590" text-anchor="end">${label(v)}</text>`);
  }
  // Fewer time labels than seconds in the span, so no label repeats.
  const ticks = Math.max(1, Math.min(4, Math.floor((t1 - t0) / 1000)));
  for (let i = 0; i <= ticks; i++) {
    const t = t0 + ((t1 - t0) / ticks) * i;
    parts.push(`<text x="${x(t).toFixed(1)}" y="${height - 8}" font-size="11" fill="#6b7590" text-anchor="${i === 0 ? 'start' : i === ticks ? 'end' : 'middle'}">${hhmmss(t)}</text>`);
  }
  opts.series.forEach((s, i) => {
    const color = palette[i % palette.length]!;
    const pts = s.points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
    if (s.points.length === 1) parts.push(`<circle cx="${x(s.points[0]!.t).toFixed(1)}" cy="${y(s.points[0]!.v).toFixed(1)}" r="3" fill="${color}"/>`);
    else parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round" points="${pts}"/>`);
    const lx = m.left + (i % 2) * Math.floor(plotW / 2);
    const ly = height + 6 + Math.floor(i / 2) * 18;
    const last = s.points.at(-1)?.v;
    parts.push(`<rect x="${lx}" y="${ly}" width="10" height="10" fill="${color}"/>`);
    parts.push(`<text x="${lx + 14}" y="${ly + 9}" font-size="11" fill="#1d2330">${escapeHtml(s.name.length > 34 ? `…${s.name.slice(-33)}` : s.name)}${last === undefined ? '' : ` (${label(last)})`}</text>`);
  });
  parts.push('</svg>');
  return trusted(parts.join(''));
}
