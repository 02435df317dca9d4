import type { Router } from 'express';
import { pageHandler, userOf, type ConsoleDeps } from './console-deps.ts';
import { html } from './html.ts';
import { lineChart, type ChartSeries } from './line-chart.ts';
import { page, time } from './layout.ts';
import type { Sample } from './metrics-sampler.ts';

/** At most this many lines per chart (the largest by their newest value), so a chart stays readable. */
const maxSeries = 8;

function top(series: ChartSeries[]): ChartSeries[] {
  return [...series].sort((a, b) => (b.points.at(-1)?.v ?? 0) - (a.points.at(-1)?.v ?? 0) || a.name.localeCompare(b.name)).slice(0, maxSeries);
}

/** Total lag per group over the recorded samples. */
export function lagSeries(samples: Sample[]): ChartSeries[] {
  const by = new Map<string, ChartSeries>();
  for (const s of samples) for (const g of s.groups) {
    const series = by.get(g.groupId) ?? { name: g.groupId, points: [] };
    series.points.push({ t: s.at, v: g.lag });
    by.set(g.groupId, series);
  }
  return top([...by.values()]);
}

/** Produced events per second per topic (topics that saw any traffic in the window), named without the environment's topic prefix. */
export function throughputSeries(samples: Sample[], prefix = ''): ChartSeries[] {
  const by = new Map<string, ChartSeries>();
  for (const s of samples) for (const t of s.topics) {
    if (t.rate === undefined) continue;
    const series = by.get(t.topic) ?? { name: t.topic.startsWith(prefix) ? t.topic.slice(prefix.length) : t.topic, points: [] };
    series.points.push({ t: s.at, v: t.rate });
    by.set(t.topic, series);
  }
  return top([...by.values()].filter((s) => s.points.some((p) => p.v > 0)));
}

/** GET /console/lag: consumer-group lag and topic throughput over time, as server-rendered SVG line charts. */
export function lagRoutes(router: Router, deps: ConsoleDeps): void {
  router.get('/lag', pageHandler(deps, async (_req, res) => {
    await deps.sampler.latest();
    const samples = deps.sampler.history();
    const span = samples.length > 1 ? Math.round((samples.at(-1)!.at - samples[0]!.at) / 1000) : 0;
    const body = html`<h1>Lag &amp; throughput</h1>
      <p class="muted">${samples.length} samples over ${span}s (every ${deps.sampler.intervalMs / 1000}s, newest ${time(samples.at(-1)?.at)}). The page refreshes every 10 s.</p>
      <div class="charts">
        <div class="card" id="lag-chart">${lineChart({ title: 'Consumer-group lag', unit: 'records behind', series: lagSeries(samples) })}</div>
        <div class="card" id="throughput-chart">${lineChart({ title: 'Produced events per second', unit: 'events/s', series: throughputSeries(samples, deps.tk.platform.config.topicPrefix) })}</div>
      </div>`;
    res.type('html').send(page({ title: 'Lag & throughput', active: 'lag', user: userOf(res), body, refreshSeconds: 10 }));
  }));
}
