/**
 * Test helpers for the ops monitor: start one against the test stack with fast timings, read
 * its JSON endpoints, and scrape /metrics into samples.
 */
import { randomUUID } from 'node:crypto';
import { OpsMonitor } from '../../services/ops-monitor/ops-monitor.ts';
import type { OpsMonitorConfig } from '../../services/ops-monitor/ops-monitor-config.ts';
import type { PlatformConfig } from '../../services/platform/config/load-config.ts';
import type { SlaRule } from '../../services/platform/sla/sla-rules.ts';
import type { TopicCatalog } from '../../services/platform/kafka/topic-catalog.ts';
import { provision, testLogger } from '../support/test-env.ts';

/**
 * provision() with a few attempts: right after creating topics, the broker can briefly
 * answer metadata with "does not host this topic-partition"; provisioning is idempotent.
 */
export async function provisionTopics(platform: PlatformConfig): Promise<TopicCatalog> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await provision(platform);
    } catch (err) {
      if (attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}

/** Starts an ops monitor with its own group, a free port and a 500 ms SLA sweep. */
export async function startOpsMonitor(platform: PlatformConfig, opts: { rules: SlaRule[]; lagGroups?: string[]; groupId?: string }): Promise<OpsMonitor> {
  const config: OpsMonitorConfig = {
    groupId: opts.groupId ?? `ops-${randomUUID().slice(0, 8)}`,
    slaRulesFile: '(test)',
    sweepIntervalMs: 500,
    lagGroups: opts.lagGroups ?? ['none'],
    host: '127.0.0.1',
    port: 0,
    rules: opts.rules,
    platform,
  };
  const monitor = OpsMonitor.fromConfig(config, testLogger);
  await monitor.start();
  return monitor;
}

/** GET a JSON endpoint; fails on a non-2xx status. */
export async function getJson<T = any>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** One Prometheus sample: metric name, labels, value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Scrapes /metrics and parses the text exposition format. */
export async function scrape(baseUrl: string): Promise<Sample[]> {
  const res = await fetch(`${baseUrl}/metrics`);
  if (!res.ok) throw new Error(`GET /metrics: ${res.status}`);
  const out: Sample[] = [];
  for (const line of (await res.text()).split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** Sum of the samples of `name` whose labels include `labels` (undefined when there is none). */
export function sum(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const hits = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return hits.length === 0 ? undefined : hits.reduce((n, s) => n + s.value, 0);
}
