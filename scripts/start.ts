/**
 * `npm start`: the whole backbone on the embedded local stack. Starts Kafka and the registry
 * (fetching them once), applies infra/topics.yaml, registers the schemas, then runs every
 * service as its own process with prefixed output, and prints the endpoints.
 * Ctrl-C stops the services; the stack keeps running (and keeps its data) until
 * `npm run stack -- stop`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PreferenceStore } from '../services/notification-service/preference-store.ts';
import { readSeedFile } from '../services/notification-service/preferences-cli.ts';
import { StateStore } from '../services/platform/state/state-store.ts';
import { RegistryClient } from '../services/platform/codec/registry-client.ts';
import { KafkajsClientFactory } from '../services/platform/kafka/kafkajs-client.ts';
import { applyTopics, TopicCatalog } from '../services/platform/kafka/topic-catalog.ts';
import { createLogger } from '../services/platform/logging/logger.ts';
import { checkSchemas } from '../services/platform/schemas/compatibility.ts';
import { loadEventSchemas } from '../services/platform/schemas/schema-catalog.ts';
import { devAdminTokens, devPorts, devWebhookSecret } from './demo/dev-defaults.ts';
import { LocalStack } from './stack/local-stack.ts';
import { repoRoot } from './stack/stack-config.ts';
import { tsNodeArgs } from './ts-runtime/node-args.ts';

const services = [
  { name: 'demo-erp', entry: 'services/demo-erp/main.ts' },
  { name: 'demo-crm', entry: 'services/demo-crm/main.ts' },
  { name: 'demo-mailbox', entry: 'services/demo-mailbox/main.ts' },
  { name: 'erp-consumer', entry: 'services/erp-consumer/main.ts' },
  { name: 'crm-consumer', entry: 'services/crm-consumer/main.ts' },
  { name: 'notifications', entry: 'services/notification-service/main.ts' },
  { name: 'analytics-sink', entry: 'services/analytics-sink/main.ts' },
  { name: 'admin-api', entry: 'services/admin-api/main.ts' },
  { name: 'ops-monitor', entry: 'services/ops-monitor/main.ts' },
  { name: 'wms-adapter', entry: 'services/wms-adapter/main.ts' },
  { name: 'tms-adapter', entry: 'services/tms-adapter/main.ts' },
  { name: 'carrier-adapter', entry: 'services/carrier-adapter/main.ts' },
];

async function main(): Promise<void> {
  const stack = new LocalStack();
  const external = process.env.LEB_STACK === 'external';
  if (!external) await stack.start();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? stack.endpoints.kafkaBrokers,
    SCHEMA_REGISTRY_URL: process.env.SCHEMA_REGISTRY_URL ?? stack.endpoints.schemaRegistryUrl,
    STATE_STORE_URL: process.env.STATE_STORE_URL ?? stack.endpoints.stateStoreUrl,
    WMS_WEBHOOK_SECRET: process.env.WMS_WEBHOOK_SECRET ?? devWebhookSecret,
    TMS_WEBHOOK_SECRET: process.env.TMS_WEBHOOK_SECRET ?? devWebhookSecret,
    CARRIER_WEBHOOK_SECRET: process.env.CARRIER_WEBHOOK_SECRET ?? devWebhookSecret,
    ERP_BASE_URL: process.env.ERP_BASE_URL ?? `http://127.0.0.1:${devPorts.demoErp}`,
    ADMIN_API_TOKENS: process.env.ADMIN_API_TOKENS ?? devAdminTokens,
  };
  // Tracing follows the OTEL_* variables given to npm start (off unless an exporter or endpoint
  // is set); each service then names itself, so one OTEL_SERVICE_NAME must not rename them all.
  delete env.OTEL_SERVICE_NAME;

  const admin = new KafkajsClientFactory({ brokers: env.KAFKA_BROKERS!.split(','), clientId: 'npm-start', logger: createLogger('start', 'warn') }).admin();
  await admin.connect();
  const report = await applyTopics(admin, TopicCatalog.load(env.LEB_TOPIC_PREFIX ?? ''));
  await admin.disconnect();
  console.error(`[start] topics: ${report.created.length} created, ${report.updated.length} already there`);

  const registry = new RegistryClient(env.SCHEMA_REGISTRY_URL!);
  const schemas = loadEventSchemas();
  const bad = (await checkSchemas(registry, schemas.values())).filter((c) => c.status === 'incompatible');
  if (bad.length > 0) {
    for (const b of bad) for (const i of b.issues) console.error(`[start] ${b.subject}: field "${i.field}": ${i.reason}`);
    throw new Error('working-tree schemas are incompatible with the registry; see above (npm run schemas:check)');
  }
  for (const s of schemas.values()) await registry.register(s.fullName, s.schema);
  console.error(`[start] ${schemas.size} event schemas registered`);

  // Demo customers' notification preferences (dev-only addresses and secret).
  const store = new StateStore(env.STATE_STORE_URL!);
  const prefs = await PreferenceStore.open(store);
  const demoCustomers = readSeedFile(path.join(repoRoot, 'services', 'notification-service', 'demo-preferences.yaml'));
  for (const p of demoCustomers) await prefs.put(p);
  await store.close();
  console.error(`[start] ${demoCustomers.length} demo customers' notification preferences seeded`);

  const children: ChildProcess[] = [];
  let stopping = false;
  for (const svc of services) {
    const child = spawn(process.execPath, [...tsNodeArgs, svc.entry], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${svc.name.padEnd(12)} | ${line}\n`));
    }
    child.on('exit', (code) => {
      console.error(`[start] ${svc.name} exited with code ${code}`);
      if (!stopping) void stopAll(1);
    });
    children.push(child);
  }

  const stopAll = async (code: number) => {
    stopping = true;
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    console.error('[start] services stopped; the stack keeps running (npm run stack -- stop)');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  console.error(
    [
      '',
      'Logistics Event Backbone is up:',
      `  Kafka             ${env.KAFKA_BROKERS}`,
      `  Schema registry   ${env.SCHEMA_REGISTRY_URL}`,
      `  State store       ${env.STATE_STORE_URL}`,
      `  WMS adapter       http://127.0.0.1:${devPorts.wmsAdapter}/webhooks/wms/v1   (health: /health/ready)`,
      `  TMS adapter       http://127.0.0.1:${devPorts.tmsAdapter}/webhooks/tms/v1`,
      `  Carrier adapter   http://127.0.0.1:${devPorts.carrierAdapter}/webhooks/carrier/v1/tracking and /webhooks/carrier/v1/edi`,
      `  ERP consumer      health http://127.0.0.1:${devPorts.erpConsumerHealth}/health/ready`,
      `  ERP consumer lag  http://127.0.0.1:${devPorts.erpConsumerHealth}/lag`,
      `  Demo ERP          http://127.0.0.1:${devPorts.demoErp}/api/v1/postings`,
      `  Demo CRM          http://127.0.0.1:18210   Demo mailbox smtp://127.0.0.1:2525`,
      `  Analytics         npm run analytics:query -- "select * from all_events limit 10"`,
      `  Admin API         http://127.0.0.1:18120 (dev tokens in scripts/demo/dev-defaults.ts); npm run replay -- --help`,
      `  Ops monitor       http://127.0.0.1:18130/metrics, /lag, /sla, /timeline?q=<shipment id> (SLAs: infra/slas.yaml)`,
      `  Console           http://127.0.0.1:18120/console (sign in as operator / local-dev-operator-token-000)`,
      '',
      'Send a signed WMS pick confirmation and watch it reach the ERP:',
      '  npm run demo:webhook -- --new-id',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
