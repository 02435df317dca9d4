import { randomUUID } from 'node:crypto';
import { DemoErp } from '../../../services/demo-erp/demo-erp.ts';
import type { PlatformConfig } from '../../../services/platform/config/load-config.ts';
import { LocalStack } from '../../../scripts/stack/local-stack.ts';
import { freePort } from '../../support/free-port.ts';
import { provision, testPlatformConfig, waitFor } from '../../support/test-env.ts';
import { testWebhookSecret } from '../../support/wms-client.ts';
import { formatFigures, reconcile, type Reconciliation } from './reconciliation.ts';
import { ServiceProcess } from './service-process.ts';
import { VendorLoad } from './vendor-load.ts';

/**
 * One fault scenario's moving parts on the fault stack (`npm run test:faults` points
 * KAFKA_BROKERS, SCHEMA_REGISTRY_URL, STATE_STORE_URL and LEB_STACK_HOME at it): the WMS
 * adapter and ERP consumers as real processes, a stand-in ERP, a vendor load, unique topics
 * and groups, and the stack itself so a test can stop a broker or the registry.
 */
export class FaultRig {
  readonly stack = new LocalStack(undefined, () => undefined);
  readonly erp: DemoErp;
  readonly cfg: PlatformConfig = testPlatformConfig(undefined, 'faults');
  readonly adapter: ServiceProcess;
  readonly consumers: ServiceProcess[] = [];
  private adapterPort = 0;
  /** The ERP consumers' group. */
  readonly group = `erp-faults-${randomUUID().slice(0, 8)}`;

  private constructor(adapterPort: number, erpPort: number) {
    this.adapterPort = adapterPort;
    // A fixed port, so the ERP can be stopped and started again where the consumers expect it.
    this.erp = new DemoErp({ host: '127.0.0.1', port: erpPort, delayMs: 10 });
    this.adapter = new ServiceProcess('wms-adapter', 'services/wms-adapter/main.ts', { ...this.baseEnv(), WMS_ADAPTER_PORT: String(adapterPort), WMS_WEBHOOK_SECRET: testWebhookSecret, WMS_ACK_TIMEOUT_MS: '5000' }, `${this.adapterUrl}/health/ready`);
  }

  /** Provisions topics and schemas, starts the ERP stand-in, the adapter and `consumers` ERP consumer processes. */
  static async start(opts: { consumers?: number } = {}): Promise<FaultRig> {
    const rig = new FaultRig(await freePort(), await freePort());
    await provision(rig.cfg);
    await rig.erp.start();
    await rig.adapter.start();
    for (let i = 0; i < (opts.consumers ?? 1); i++) await rig.addConsumer();
    return rig;
  }

  get adapterUrl(): string {
    return `http://127.0.0.1:${this.adapterPort}`;
  }

  /** Starts one more ERP consumer process in the scenario's group. */
  async addConsumer(): Promise<ServiceProcess> {
    const port = await freePort();
    const consumer = new ServiceProcess(
      `erp-consumer-${this.consumers.length + 1}`,
      'services/erp-consumer/main.ts',
      { ...this.baseEnv(), ERP_BASE_URL: this.erp.url, ERP_CONSUMER_GROUP: this.group, ERP_CONSUMER_HEALTH_PORT: String(port), ERP_MAX_CONCURRENCY: '4', ERP_RETRY_DELAY_MS: '1000' },
      `http://127.0.0.1:${port}/health/ready`,
    );
    this.consumers.push(consumer);
    await consumer.start();
    return consumer;
  }

  /** A vendor load against this rig's adapter. */
  load(opts: { shipments: number; perShipment: number; rate: number }): VendorLoad {
    return new VendorLoad({ ...opts, url: () => this.adapterUrl });
  }

  /**
   * Waits until every acknowledged event reached the ERP (or `timeoutMs` passed), then
   * reconciles and prints the figures.
   */
  async settle(scenario: string, load: VendorLoad, timeoutMs = 180_000): Promise<Reconciliation> {
    const wanted = () => load.deliveries.flatMap((d) => d.ackedEventIds ?? []);
    const posted = () => new Set([...this.erp.postings.values()].map((p) => String(p.body.eventId)));
    await waitFor('every acknowledged event posted to the ERP', () => { const p = posted(); return wanted().every((id) => p.has(id)); }, timeoutMs).catch(() => undefined);
    const result = reconcile(scenario, load, this.erp);
    console.log(formatFigures(result));
    return result;
  }

  /** The processes' last output lines, for a failure message. */
  diagnostics(): string {
    return [this.adapter, ...this.consumers].flatMap((p) => p.output).join('\n');
  }

  /** Stops the processes and the ERP stand-in; restarts any stack component the scenario left stopped. */
  async stop(): Promise<void> {
    await Promise.all([this.adapter, ...this.consumers].map((p) => p.stop('SIGKILL')));
    await this.erp.stop();
    await this.stack.start();
  }

  private baseEnv(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      KAFKA_BROKERS: this.cfg.kafka.brokers.join(','),
      SCHEMA_REGISTRY_URL: this.cfg.registry.url,
      STATE_STORE_URL: this.cfg.stateStore.url,
      LEB_TOPIC_PREFIX: this.cfg.topicPrefix,
      LOG_LEVEL: 'warn',
    };
  }
}
