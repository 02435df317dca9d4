/**
 * The operations console in a real headless Chromium (Debian's, driven by playwright-core)
 * against real services on the local stack: WMS adapter, ERP consumer, ops monitor and the
 * admin API with its console. Screenshots of the main pages go to test-results/console/.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/ensure-chromium.ts';
import { consumerDefinitions } from '../../scripts/consumer-definitions.ts';
import { repoRoot } from '../../scripts/stack/stack-config.ts';
import { AdminApi } from '../../services/admin-api/admin-api.ts';
import { consoleConfigFromEnv } from '../../services/admin-api/console/console-config.ts';
import type { ErpConsumer } from '../../services/erp-consumer/erp-consumer.ts';
import { opsMonitorConfigFromEnv } from '../../services/ops-monitor/ops-monitor-config.ts';
import { OpsMonitor } from '../../services/ops-monitor/ops-monitor.ts';
import type { WebhookAdapter } from '../../services/platform/ingest/webhook-adapter.ts';
import type { TopicCatalog } from '../../services/platform/kafka/topic-catalog.ts';
import { startAdapter } from '../support/adapters.ts';
import { pickRejectingErp, shipmentStory } from '../support/console-story.ts';
import { startErpConsumer } from '../support/erp.ts';
import { provision, recordCount, testLogger, testPlatformConfig, waitFor } from '../support/test-env.ts';
import { postWms } from '../support/wms-client.ts';

const viewer = { name: 'vera', password: 'viewer-token-0123456789abcdef' };
const operator = { name: 'otto', password: 'operator-token-0123456789abcdef' };
const shots = path.join(repoRoot, 'test-results', 'console');

/** A loopback port that was free a moment ago (nothing listens on it). */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('operations console in headless Chromium', () => {
  const cfg = testPlatformConfig(undefined, 'console');
  const story = shipmentStory();
  const erpGroup = `erp-console-${randomUUID().slice(0, 8)}`;
  const eventIds = new Map<string, string>();
  const screenshots: string[] = [];
  let catalog: TopicCatalog;
  let erp: Awaited<ReturnType<typeof pickRejectingErp>>;
  let adapter: WebhookAdapter;
  let erpConsumer: ErpConsumer;
  let monitor: OpsMonitor;
  let api: AdminApi;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let deadLetterId: string;

  const shot = async (p: Page, name: string) => {
    const file = path.join(shots, `${name}.png`);
    await p.screenshot({ path: file, fullPage: true });
    screenshots.push(file);
  };
  const signIn = async (p: Page, user: { name: string; password: string }) => {
    await p.fill('#user', user.name);
    await p.fill('#password', user.password);
    await Promise.all([p.waitForLoadState('load'), p.click('#sign-in')]);
  };
  /** Reloads until a selector is on the page (the data behind it arrives asynchronously). */
  const reloadUntil = (p: Page, selector: string, timeoutMs = 90_000) =>
    waitFor(selector, async () => {
      if ((await p.locator(selector).count()) > 0) return true;
      await p.waitForTimeout(1000);
      await p.reload();
      return (await p.locator(selector).count()) > 0;
    }, timeoutMs);
  const adminCall = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${api.url}/admin/v1${p}`, { method, headers: { authorization: `Bearer ${operator.password}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, json: (await res.json()) as any };
  };

  before(async () => {
    const executablePath = chromiumPath();
    if (!executablePath) throw new Error('Chromium is missing: run `npm test` (it installs Debian chromium as root) or `apt-get install -y chromium`, or set LEB_CHROMIUM');
    rmSync(shots, { recursive: true, force: true });
    mkdirSync(shots, { recursive: true });
    catalog = await provision(cfg);
    erp = await pickRejectingErp();
    // The replay handlers the admin API builds read the ERP's address from the environment, as in production.
    process.env.ERP_BASE_URL = erp.url;
    adapter = await startAdapter(cfg);
    monitor = OpsMonitor.fromConfig({ ...opsMonitorConfigFromEnv({}), groupId: `ops-console-${randomUUID().slice(0, 8)}`, port: 0, sweepIntervalMs: 1000, lagGroups: [erpGroup], platform: cfg }, testLogger);
    await monitor.start();
    erpConsumer = await startErpConsumer(cfg, erp.url, { groupId: erpGroup, healthPort: 0, retryAttempts: 1 });
    const services = [
      { name: 'wms', url: adapter.url },
      { name: 'erp', url: erpConsumer.healthUrl! },
      { name: 'ops-monitor', url: monitor.url },
      // A port nothing listens on: the overview must show the service unreachable.
      { name: 'carrier', url: `http://127.0.0.1:${await closedPort()}` },
    ];
    const tokens = [
      { name: viewer.name, role: 'viewer' as const, token: viewer.password },
      { name: operator.name, role: 'operator' as const, token: operator.password },
    ];
    api = new AdminApi({ host: '127.0.0.1', port: 0, tokens, platform: cfg, console: { ...consoleConfigFromEnv({ CONSOLE_SAMPLE_INTERVAL: '1s' }), services } }, consumerDefinitions, testLogger);
    await api.start();

    for (const step of story.steps) {
      const res = await postWms(adapter.url, step.body);
      assert.equal(res.status, 202, JSON.stringify(res.json));
      eventIds.set(step.eventType, res.json.events[0].eventId);
    }
    await waitFor('ERP postings of the release and the dispatch', () => erp.posted.has(eventIds.get('OrderReleased')!) && erp.posted.has(eventIds.get('ShipmentDispatched')!), 60_000);
    await waitFor('the refused pick dead-lettered', async () => (await recordCount(cfg, catalog.deadLetter.name)) === 1, 60_000);
    await waitFor('the timeline indexed the story', async () => (await monitor.timeline!.search(story.shipmentId)).length >= 5, 60_000);

    browser = await chromium.launch({ executablePath, args: chromiumArgs });
    ctx = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    page = await ctx.newPage();
    page.setDefaultTimeout(60_000);
  });

  after(async () => {
    delete process.env.ERP_BASE_URL;
    await browser?.close();
    await api?.stop();
    await erpConsumer?.stop();
    await monitor?.stop();
    await adapter?.stop();
    await erp?.close();
  });

  it('sends a visitor to the login page and refuses a wrong password', async () => {
    await page.goto(`${api.url}/console`);
    assert.match(page.url(), /\/console\/login\?next=%2Fconsole$/);
    await shot(page, '01-login');
    await page.fill('#user', operator.name);
    await page.fill('#password', 'not-the-token-0123456789abcdef');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/console/login') && r.request().method() === 'POST'), page.click('#sign-in')]);
    assert.equal(res.status(), 401);
    assert.match(await page.locator('#login-error').innerText(), /wrong user name or password/i);
    const cookies = await ctx.cookies();
    assert.equal(cookies.length, 0, 'no session after a refused login');
  });

  it('signs an operator in to an overview of services, groups and topics', async () => {
    await signIn(page, operator);
    assert.equal(new URL(page.url()).pathname, '/console');
    const [cookie] = await ctx.cookies();
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.sameSite, 'Strict');
    for (const name of ['wms', 'erp', 'ops-monitor']) assert.match(await page.locator(`#services tr[data-service="${name}"]`).innerText(), /\bUP\b/, name);
    assert.match(await page.locator('#services tr[data-service="carrier"]').innerText(), /UNREACHABLE[\s\S]*ECONNREFUSED/);
    await reloadUntil(page, `#groups tr[data-group="${erpGroup}"]`);
    assert.match(await page.locator(`#groups tr[data-group="${erpGroup}"]`).innerText(), new RegExp(catalog.lifecycle.name.replace(/\./g, '\\.')));
    // Four webhooks, four lifecycle events (the sample may be a second old, so wait for it).
    await waitFor('lifecycle end offsets in the overview', async () => {
      await page.reload();
      return (await page.locator(`#topics tr[data-topic="${catalog.lifecycle.name}"]`).getAttribute('data-end')) === '4';
    }, 30_000);
    await shot(page, '02-overview');
  });

  it('plots lag and throughput over time', async () => {
    await page.goto(`${api.url}/console/lag`);
    await reloadUntil(page, '#lag-chart polyline');
    await reloadUntil(page, '#throughput-chart polyline');
    assert.match(await page.locator('#lag-chart').innerText(), new RegExp(erpGroup));
    await shot(page, '03-lag');
  });

  it('shows a shipment timeline in order, with sources, positions and the consumers that processed each event', async () => {
    await page.goto(`${api.url}/console/timeline`);
    await page.fill('#timeline-q', story.shipmentId);
    await Promise.all([page.waitForURL(/timeline\?q=/), page.press('#timeline-q', 'Enter')]);
    const rows = page.locator('#timeline tbody tr');
    const seen = await rows.evaluateAll((trs) => trs.map((tr) => `${tr.querySelector('td:nth-child(4) b')?.textContent}/${tr.getAttribute('data-kind')}`));
    assert.deepEqual(seen, ['OrderReleased/event', 'PickCompleted/event', 'PickCompleted/dead-letter', 'PackCompleted/event', 'ShipmentDispatched/event']);
    const released = await page.locator(`#timeline tr[data-event-id="${eventIds.get('OrderReleased')}"]`).innerText();
    assert.match(released, /erp-consumer/);
    assert.match(released, /wms-test/, 'the source system');
    assert.match(released, new RegExp(`${catalog.lifecycle.name.replace(/\./g, '\\.')}\\s+p\\d+ @ \\d+`));
    const dead = await page.locator('#timeline tr[data-kind="dead-letter"]').innerText();
    assert.match(dead, /DOWNSTREAM_REJECTED/);
    await shot(page, '04-timeline');
  });

  it('links an event with a known trace id to the trace viewer', async () => {
    // Tracing is off in tests, so no record carries a traceparent: index one entry as the ops monitor would for a traced record.
    const traceId = randomUUID().replace(/-/g, '');
    const shipmentId = `${story.shipmentId}-T`;
    const at = new Date();
    await monitor.timeline!.record({ key: shipmentId, shipmentId, eventId: randomUUID(), eventType: 'PickCompleted', source: 'wms-test', topic: catalog.lifecycle.name, partition: 0, offset: '999999', kind: 'event', occurredAt: at, recordedAt: at, traceId });
    await page.goto(`${api.url}/console/timeline?q=${shipmentId}`);
    assert.equal(await page.locator('#timeline tbody tr a').getAttribute('href'), `http://localhost:16686/trace/${traceId}`);
  });

  it('shows search text as text, never as markup', async () => {
    const evil = '<img src=x onerror="document.title=1">';
    await page.goto(`${api.url}/console/timeline?q=${encodeURIComponent(evil)}`);
    assert.match(await page.locator('#timeline-empty').innerText(), /<img src=x/);
    assert.equal(await page.locator('main img').count(), 0);
    assert.equal(await page.inputValue('#timeline-q'), evil);
  });

  it('lists the dead letter, inspects it and redrives it as the operator', async () => {
    await page.click('header nav >> text=Dead letters');
    const row = page.locator('#dead-letters tr[data-dead-letter]');
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), /erp-consumer[\s\S]*DOWNSTREAM_REJECTED[\s\S]*PickCompleted/);
    deadLetterId = (await row.getAttribute('data-dead-letter'))!;
    await shot(page, '05-dead-letters');
    await Promise.all([page.waitForURL(/\/dead-letters\/\d+(:|%3A)\d+$/), row.locator('a').first().click()]);
    assert.match(await page.locator('#reason').innerText(), /422/);
    assert.match(await page.locator('#payload').innerText(), new RegExp(story.shipmentId));
    assert.match(await page.locator('#headers').innerText(), /event-id/);
    assert.match(await page.locator('#hex').innerText(), /^00000000 {2}00 /);
    await shot(page, '06-dead-letter');

    erp.state.rejectPicks = false;
    await Promise.all([page.waitForURL(/\/redrive$/), page.click('#redrive')]);
    assert.match(await page.locator('#redrive-result').innerText(), /Redriven to its original topic[\s\S]*as otto/);
    await shot(page, '07-redriven');

    // The redriven record went back to the lifecycle topic and the ERP consumer posted it now.
    await waitFor('the redriven pick posted to the ERP', () => erp.posted.get(eventIds.get('PickCompleted')!) === '/api/v1/pick-confirmations', 60_000);
    const audit = await adminCall('GET', '/audit?action=redrive');
    const entry = (audit.json as Array<{ actor: string; what: { ids?: string[] }; counts: { redriven: number } }>).find((e) => e.what.ids?.includes(deadLetterId));
    assert.equal(entry?.actor, 'otto');
    assert.equal(entry?.counts.redriven, 1);
    await page.goto(`${api.url}/console/dead-letters/${deadLetterId}`);
    assert.match(await page.locator('#redrive-history').innerText(), /otto[\s\S]*topic[\s\S]*completed/);
  });

  it('shows the redriven pick processed in the timeline', async () => {
    await page.goto(`${api.url}/console/timeline?q=${story.shipmentId}`);
    const pick = `#timeline tr[data-event-id="${eventIds.get('PickCompleted')}"][data-kind="event"]`;
    await waitFor('the redriven pick indexed and processed', async () => {
      await page.reload();
      const texts = await page.locator(pick).allInnerTexts();
      return texts.length === 2 && texts.every((t) => /erp-consumer/.test(t));
    }, 60_000);
    await shot(page, '08-timeline-after-redrive');
  });

  it('shows replay runs with their progress', async () => {
    const runId = `console-${randomUUID().slice(0, 8)}`;
    const started = await adminCall('POST', '/replays', { consumers: ['erp-consumer'], topic: catalog.lifecycle.name, shipments: [story.shipmentId], execute: true, runId });
    assert.equal(started.status, 202);
    await waitFor('replay completed', async () => (await adminCall('GET', `/replays/${runId}`)).json.status === 'completed', 60_000);
    await page.click('header nav >> text=Replays');
    const run = page.locator(`#replays tr[data-run="${runId}"]`);
    assert.match(await run.innerText(), /completed[\s\S]*100%[\s\S]*erp-consumer[\s\S]*otto/);
    assert.equal(await run.locator('[role=progressbar]').getAttribute('aria-valuenow'), '100');
    await shot(page, '09-replays');
  });

  it('lists SLA breaches, linked to the shipment timeline', async () => {
    await page.goto(`${api.url}/console/sla`);
    const breach = `#sla-breaches tr:has(a:text("${story.shipmentId}"))`;
    await reloadUntil(page, breach);
    assert.match(await page.locator(breach).innerText(), /breached[\s\S]*dispatch-to-delivery[\s\S]*ShipmentDispatched/);
    await shot(page, '10-sla');
  });

  it('lets a viewer look but not redrive, and refuses forged posts', async () => {
    const vctx = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const vpage = await vctx.newPage();
    await vpage.goto(`${api.url}/console/dead-letters/${deadLetterId}`);
    await signIn(vpage, viewer);
    assert.match(vpage.url(), /\/console\/dead-letters\/\d+(:|%3A)\d+$/, 'back where the viewer was going');
    assert.equal(await vpage.locator('#redrive').count(), 0, 'no redrive button for a viewer');
    assert.match(await vpage.locator('main').innerText(), /needs the operator role/);
    await shot(vpage, '11-viewer-dead-letter');
    const csrf = await vpage.locator('input[name=_csrf]').first().inputValue();
    const redrive = `${api.url}/console/dead-letters/${deadLetterId}/redrive`;
    const asViewer = await vctx.request.post(redrive, { form: { _csrf: csrf, again: '1' }, headers: { origin: api.url } });
    assert.equal(asViewer.status(), 403);
    // The operator's own session, but without the form's token or from another site: refused.
    const noToken = await ctx.request.post(redrive, { form: { again: '1' }, headers: { origin: api.url } });
    assert.equal(noToken.status(), 403);
    const opCsrf = await page.locator('input[name=_csrf]').first().inputValue();
    const crossSite = await ctx.request.post(redrive, { form: { _csrf: opCsrf, again: '1' }, headers: { origin: 'http://evil.example' } });
    assert.equal(crossSite.status(), 403);
    const audit = await adminCall('GET', '/audit?action=redrive');
    assert.equal((audit.json as Array<{ what: { ids?: string[] } }>).filter((e) => e.what.ids?.includes(deadLetterId)).length, 1, 'only the operator\'s redrive happened');
    await vctx.close();
  });

  it('logs out', async () => {
    await Promise.all([page.waitForURL(/\/console\/login$/), page.click('header button:text("Log out")')]);
    await page.goto(`${api.url}/console/replays`);
    assert.match(page.url(), /\/console\/login\?next=/);
  });

  it('produced a non-empty screenshot of each main page', () => {
    assert.equal(screenshots.length, 11);
    for (const file of screenshots) assert.ok(statSync(file).size > 5000, `${file} is a real picture`);
  });
});
