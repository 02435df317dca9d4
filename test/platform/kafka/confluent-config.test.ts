/**
 * What the @confluentinc/kafka-javascript client needs no addon for: the KAFKA_CLIENT switch,
 * the error when the client is not built, and mappings onto librdkafka (the client against
 * the broker: confluent-client.test.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { platformConfigFromEnv } from '../../../services/platform/config/load-config.ts';
import { ConfigError } from '../../../services/platform/errors/backbone-error.ts';
import { librdkafkaSecurity } from '../../../services/platform/kafka/confluent-config.ts';
import { reportsFatalError } from '../../../services/platform/kafka/confluent-logger.ts';
import { loadConfluentModule } from '../../../services/platform/kafka/confluent-module.ts';
import { LazyClientFactory } from '../../../services/platform/kafka/lazy-client-factory.ts';

describe('KAFKA_CLIENT config switch', () => {
  it('defaults to kafkajs and takes confluent', () => {
    assert.equal(platformConfigFromEnv({}, 'test').kafka.client, undefined);
    assert.equal(platformConfigFromEnv({ KAFKA_CLIENT: 'confluent' }, 'test').kafka.client, 'confluent');
  });

  it('refuses another value, naming kafka.client and KAFKA_CLIENT', () => {
    assert.throws(
      () => platformConfigFromEnv({ KAFKA_CLIENT: 'rdkafka' }, 'test'),
      (e: unknown) => e instanceof ConfigError && e.details.path === 'kafka.client' && /kafka\.client \(KAFKA_CLIENT\)/.test(e.message),
    );
  });
});

describe('confluent client without the addon', () => {
  it('fails connect() with a ConfigError that says how to install it', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'no-confluent-'));
    try {
      const env = { ...process.env, LEB_CONFLUENT_CLIENT_DIR: empty };
      let inNodeModules = true;
      try {
        loadConfluentModule(env);
      } catch {
        inNodeModules = false;
      }
      if (inNodeModules) return; // installed as a regular package: nothing is missing
      const lazy = new LazyClientFactory(async () => {
        loadConfluentModule(env);
        throw new Error('unreachable');
      });
      await assert.rejects(lazy.producer().connect(), (e: unknown) => e instanceof ConfigError && e.details.path === 'kafka.client' && /npm run client:confluent/.test(e.message));
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('recognizes the compat layer lines for a librdkafka fatal error, and only those', () => {
    assert.ok(reportsFatalError('Consumer encountered error while consuming. Retrying. Error details: KafkaJSError: Local: Fatal error : Error: Local: Fatal error'));
    assert.ok(reportsFatalError('Error: fatal error'));
    assert.ok(!reportsFatalError('Seek error. This is effectively a fatal error: ...'));
    assert.ok(!reportsFatalError('Error: broker transport failure'));
  });

  it('maps SASL and TLS onto librdkafka properties', () => {
    assert.deepEqual(librdkafkaSecurity(undefined), {});
    assert.deepEqual(librdkafkaSecurity({ ssl: {} }), { 'security.protocol': 'ssl' });
    const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    assert.deepEqual(librdkafkaSecurity({ sasl: { mechanism: 'scram-sha-512', username: 'erp', password: 'pw' }, ssl: { ca } }), {
      'security.protocol': 'sasl_ssl',
      'sasl.mechanisms': 'SCRAM-SHA-512',
      'sasl.username': 'erp',
      'sasl.password': 'pw',
      'ssl.ca.pem': ca,
    });
    assert.deepEqual(librdkafkaSecurity({ sasl: { mechanism: 'plain', username: 'u', password: 'p' } })['security.protocol'], 'sasl_plaintext');
  });
});

