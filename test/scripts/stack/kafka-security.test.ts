import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel, type Consumer, type KafkaConfig } from 'kafkajs';
import { clientEnv, clientSecurity } from '../../../scripts/stack/kafka-broker-security.ts';
import { passwordFile } from '../../../scripts/stack/stack-secrets.ts';
import { RegistryClient } from '../../../services/platform/codec/registry-client.ts';
import { platformConfigFromEnv } from '../../../services/platform/config/load-config.ts';
import { AclCatalog, applyAcls } from '../../../services/platform/kafka/acl-catalog.ts';
import { KafkajsClientFactory, kafkajsSecurity } from '../../../services/platform/kafka/kafkajs-client.ts';
import { applyTopics, TopicCatalog } from '../../../services/platform/kafka/topic-catalog.ts';
import { loadEventSchemas } from '../../../services/platform/schemas/schema-catalog.ts';
import { privateStack } from '../../support/private-stack.ts';
import { testLogger } from '../../support/test-env.ts';

/**
 * The Kafka error type behind a kafkajs error: kafkajs keeps `type` on protocol errors, and only
 * the message when it wraps one into a non-retriable error.
 */
function authorizationType(e: unknown): string | undefined {
  const err = e as { type?: string; message?: string };
  if (err.type?.endsWith('_AUTHORIZATION_FAILED')) return err.type;
  if (/Not authorized to access topics/.test(err.message ?? '')) return 'TOPIC_AUTHORIZATION_FAILED';
  if (/Not authorized to access group/.test(err.message ?? '')) return 'GROUP_AUTHORIZATION_FAILED';
  return undefined;
}

/** Rejects with the error kafkajs reports when `consumer` crashes (it is not restarted). */
function crashOf(consumer: Consumer): Promise<Error & { type?: string }> {
  return new Promise((resolve) => consumer.on(consumer.events.CRASH, (e) => resolve(e.payload.error as Error & { type?: string })));
}

/**
 * The secured mode (LEB_KAFKA_SECURITY=sasl_ssl) on a private stack: TLS with the stack's CA,
 * SCRAM-SHA-512 logins, one principal per service and the ACLs of infra/acls.yaml applied by the
 * same code as `npm run topics:apply`. A service reaching for a topic it was not granted is
 * refused by Kafka.
 */
describe('Kafka security mode: SASL/SCRAM over TLS with ACLs', { timeout: 300_000 }, () => {
  const { stack, dispose } = privateStack(13_000, { security: 'sasl_ssl' });
  const catalog = TopicCatalog.load('sec.');
  const lifecycle = catalog.lifecycle.name;
  const rawWms = catalog.rawArchiveFor('WMS').name;
  const rawTms = catalog.rawArchiveFor('TMS').name;
  let brokers: string[];
  const kafkaAs = (principal: string, extra: Partial<KafkaConfig> = {}) =>
    new Kafka({ brokers, clientId: principal, logLevel: logLevel.NOTHING, retry: { retries: 2, initialRetryTime: 100 }, ...kafkajsSecurity(clientSecurity(stack.config, principal)), ...extra });

  before(async () => {
    await stack.start();
    brokers = stack.endpoints.kafkaBrokers.split(',');
    // What `npm run topics:apply` does, as the admin super user.
    const admin = new KafkajsClientFactory({ brokers, clientId: 'security-test', security: clientSecurity(stack.config, 'admin'), logger: testLogger }).admin();
    await admin.connect();
    try {
      await applyTopics(admin, catalog);
      const report = await applyAcls(admin, AclCatalog.load(), catalog);
      assert.ok('applied' in report && report.applied > 0, JSON.stringify(report));
    } finally {
      await admin.disconnect();
    }
  });
  after(() => dispose());

  it('keeps secrets in owner-only files and the registry works over SASL_SSL as its own principal', async () => {
    assert.equal(stack.config.kafkaSecurity, 'sasl_ssl');
    assert.equal(statSync(passwordFile(stack.config, 'erp-consumer')).mode & 0o777, 0o600);
    const s = loadEventSchemas().values().next().value!;
    assert.ok((await new RegistryClient(stack.endpoints.schemaRegistryUrl).register(s.fullName, s.schema)) > 0, 'the registry stored a schema in its kafkasql journal');
  });

  it('(a) refuses a client without credentials, with a wrong password, or without TLS', async () => {
    const ssl = { ca: [readFileSync(clientEnv(stack.config, 'admin').KAFKA_SSL_CA_FILE!, 'utf8')] };
    const listTopics = async (cfg: Partial<KafkaConfig>) => {
      const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING, connectionTimeout: 3000, requestTimeout: 5000, retry: { retries: 0 }, ...cfg }).admin();
      try {
        await admin.connect();
        return await admin.listTopics();
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    };
    await assert.rejects(listTopics({ clientId: 'anonymous', ssl }), 'a TLS client without a SASL login is refused');
    await assert.rejects(
      listTopics({ clientId: 'wrong', ssl, sasl: { mechanism: 'scram-sha-512', username: 'erp-consumer', password: 'not-the-password' } }),
      (e: Error) => e.name === 'KafkaJSSASLAuthenticationError' && /authentication failed/i.test(e.message),
    );
    await assert.rejects(listTopics({ clientId: 'plain' }), 'a plaintext client cannot talk to the SASL_SSL listener');
    assert.ok((await listTopics({ clientId: 'admin', ...kafkajsSecurity(clientSecurity(stack.config, 'admin')) })).includes(lifecycle), 'the admin login works');
  });

  it('(d) lets wms-adapter produce to the lifecycle and raw WMS topics, not to another adapter\'s raw topic', async () => {
    // Through the platform's own config path: env variables -> zod -> KafkajsClientFactory.
    const cfg = platformConfigFromEnv({ KAFKA_BROKERS: brokers.join(','), ...clientEnv(stack.config, 'wms-adapter') }, 'wms-adapter');
    assert.equal(cfg.kafka.security?.sasl?.username, 'wms-adapter');
    const producer = new KafkajsClientFactory({ brokers: cfg.kafka.brokers, clientId: 'wms-adapter', security: cfg.kafka.security, logger: testLogger }).producer();
    await producer.connect();
    try {
      await producer.send(lifecycle, [{ key: 'S-1', value: Buffer.from('lifecycle'), headers: {}, partition: 0 }]);
      await producer.send(rawWms, [{ key: 'D-1', value: Buffer.from('raw'), headers: {}, partition: 0 }]);
    } finally {
      await producer.disconnect();
    }
    const raw = kafkaAs('wms-adapter').producer({ idempotent: true });
    await raw.connect();
    try {
      await assert.rejects(raw.send({ topic: rawTms, acks: -1, messages: [{ value: 'not mine' }] }), (e) => authorizationType(e) === 'TOPIC_AUTHORIZATION_FAILED');
    } finally {
      await raw.disconnect();
    }
  });

  it('(b) lets erp-consumer consume the lifecycle topic in its own group', async () => {
    const consumer = kafkaAs('erp-consumer').consumer({ groupId: 'erp-consumer.security-test' });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: lifecycle, fromBeginning: true });
      const value = await new Promise<string>((resolve) => void consumer.run({ eachMessage: async ({ message }) => resolve(message.value!.toString()) }));
      assert.equal(value, 'lifecycle');
    } finally {
      await consumer.disconnect();
    }
  });

  it('(c) refuses erp-consumer reading a raw topic, and wms-adapter consuming the lifecycle topic', async () => {
    const noRestart = { retry: { retries: 0, restartOnFailure: async () => false } };
    const erp = kafkaAs('erp-consumer').consumer({ groupId: 'erp-consumer.security-test-raw', ...noRestart });
    await erp.connect();
    try {
      await assert.rejects(erp.subscribe({ topic: rawWms, fromBeginning: true }), (e) => authorizationType(e) === 'TOPIC_AUTHORIZATION_FAILED');
    } finally {
      await erp.disconnect();
    }

    // kafkajs reports a refused FindCoordinator as "group coordinator not found" and logs the
    // broker's reason at debug level: keep those reasons.
    const reasons: string[] = [];
    const logCreator = () => (entry: { log: Record<string, unknown> }) => {
      const error = entry.log.error;
      if (error) reasons.push(authorizationType(error) ?? String((error as Error).message ?? error));
    };
    const wms = kafkaAs('wms-adapter', { logLevel: logLevel.DEBUG, logCreator }).consumer({ groupId: 'wms-adapter', ...noRestart });
    await wms.connect();
    try {
      const crashed = crashOf(wms);
      await wms.subscribe({ topic: lifecycle, fromBeginning: true });
      await wms.run({ eachMessage: async () => assert.fail('wms-adapter must not read the lifecycle topic') });
      const err = await crashed;
      const reason = authorizationType(err) ?? reasons.find((r) => r.endsWith('_AUTHORIZATION_FAILED'));
      assert.equal(reason, 'GROUP_AUTHORIZATION_FAILED', `${err.name}: ${err.message}; broker answers: ${[...new Set(reasons)].join(' | ')}`);
    } finally {
      await wms.disconnect();
    }
  });
});
