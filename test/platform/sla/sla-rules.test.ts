import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { opsMonitorConfigFromEnv } from '../../../services/ops-monitor/ops-monitor-config.ts';
import { ConfigError } from '../../../services/platform/errors/backbone-error.ts';
import { loadSlaRules, parseSlaRules } from '../../../services/platform/sla/sla-rules.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'sla-rules-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** The ConfigError a call throws (asserting it throws one). */
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a ConfigError');
}

describe('SLA rules', () => {
  it('reads the shipped infra/slas.yaml: event-matched and consumer-effect ends, durations as written', () => {
    const rules = loadSlaRules();
    assert.deepEqual(
      rules.map((r) => [r.id, r.start, r.end, r.within, r.withinMs]),
      [
        ['order-to-dispatch', 'OrderReleased', { event: 'ShipmentDispatched', match: 'orderId' }, '24h', 86_400_000],
        ['exception-customer-notified', 'DeliveryException', { consumer: 'notification-service' }, '15m', 900_000],
        ['dispatch-to-delivery', 'ShipmentDispatched', { event: 'ProofOfDeliveryReceived', match: 'shipmentId' }, '72h', 259_200_000],
      ],
    );
    assert.ok(rules.every((r) => r.description.length > 0));
  });

  it('names the path of every wrong field, and the file', () => {
    const p = file(
      'bad.yaml',
      [
        'slas:',
        '  - { id: ok-rule, description: fine, start: DeliveryException, end: { consumer: notification-service }, within: 15m }',
        '  - { id: Bad Id, description: x, start: OrderShipped, end: { event: ShipmentDispatched, match: orderId }, within: soon }',
      ].join('\n'),
    );
    const err = configError(() => loadSlaRules(p));
    assert.ok(err.message.startsWith(`${p} (SLA_RULES_FILE): invalid configuration:`), err.message);
    const paths = (err.details.issues as Array<{ path: string }>).map((i) => i.path).sort();
    assert.deepEqual(paths, ['slas.1.id', 'slas.1.start', 'slas.1.within']);
    assert.match(err.message, /slas\.1\.within: expected a positive duration like "90m", "2h" or "1h30m", got "soon"/);
  });

  it('then checks rules against each other: unique ids, a match field the start event carries', () => {
    const p = file(
      'conflicting.yaml',
      [
        'slas:',
        '  - { id: ok-rule, description: fine, start: DeliveryException, end: { consumer: notification-service }, within: 15m }',
        '  - { id: ok-rule, description: dup, start: OrderReleased, end: { event: ShipmentDispatched, match: shipmentId }, within: 1h }',
      ].join('\n'),
    );
    const err = configError(() => loadSlaRules(p));
    assert.deepEqual((err.details.issues as Array<{ path: string }>).map((i) => i.path).sort(), ['slas.1.end.match', 'slas.1.id']);
    assert.match(err.message, /slas\.1\.id: duplicate rule id "ok-rule"/);
    assert.match(err.message, /slas\.1\.end\.match: OrderReleased carries no shipment id; match on orderId/);
  });

  it('refuses an end that is neither an event with a match field nor a consumer', () => {
    const err = configError(() => parseSlaRules({ slas: [{ id: 'r', description: 'd', start: 'OrderReleased', end: { event: 'ShipmentDispatched' }, within: '1h' }] }));
    assert.ok((err.details.issues as Array<{ path: string }>).some((i) => i.path.startsWith('slas.0.end')), err.message);
  });

  it('fails naming the file when it is missing or not YAML', () => {
    assert.match(configError(() => loadSlaRules(path.join(dir, 'nope.yaml'))).message, /cannot read SLA rules file .*nope\.yaml \(SLA_RULES_FILE\)/);
    assert.match(configError(() => loadSlaRules(file('broken.yaml', 'slas: [\n'))).message, /broken\.yaml \(SLA_RULES_FILE\) is not valid YAML/);
  });

  it('is loaded with the ops monitor config, whose settings are validated naming their variables', () => {
    const cfg = opsMonitorConfigFromEnv({});
    assert.equal(cfg.port, 18130);
    assert.equal(cfg.sweepIntervalMs, 15_000);
    assert.deepEqual(cfg.lagGroups, ['erp-consumer', 'crm-consumer', 'notification-service', 'analytics-sink']);
    assert.equal(cfg.rules.length, 3);
    const short = file('short.yaml', 'slas:\n  - { id: fast, description: fast, start: DeliveryException, end: { consumer: x }, within: 3s }\n');
    assert.deepEqual(opsMonitorConfigFromEnv({ SLA_RULES_FILE: short }).rules.map((r) => r.withinMs), [3000]);
    const err = configError(() => opsMonitorConfigFromEnv({ SLA_SWEEP_INTERVAL: 'often', OPS_MONITOR_PORT: 'x' }));
    assert.match(err.message, /sweepIntervalMs \(SLA_SWEEP_INTERVAL\)/);
    assert.match(err.message, /port \(OPS_MONITOR_PORT\)/);
  });
});
