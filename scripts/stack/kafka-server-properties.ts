import type { KafkaNode } from './stack-config.ts';

/**
 * server.properties of one KRaft node (broker + controller) on loopback. One node: single-replica
 * internal topics, exactly as the single-node stack always had. Three or more: a static quorum
 * of every node, internal topics (offsets, transaction state, share state, the registry's
 * journal through default.replication.factor) with replication factor 3 and min ISR 2.
 * `security`: the lines of a `sasl_ssl` broker (see kafka-broker-security.ts), or undefined.
 */
export function serverProperties(node: KafkaNode, nodes: KafkaNode[], logDir: string, security?: string[]): string {
  const secured = security !== undefined;
  const client = secured ? 'SASL_SSL' : 'PLAINTEXT';
  const rf = nodes.length >= 3 ? 3 : 1;
  const minIsr = nodes.length >= 3 ? 2 : 1;
  const lines = [
    'process.roles=broker,controller',
    `node.id=${node.id}`,
    `controller.quorum.voters=${nodes.map((n) => `${n.id}@127.0.0.1:${n.controllerPort}`).join(',')}`,
    `listeners=${client}://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    `advertised.listeners=${client}://127.0.0.1:${node.port}`,
    'controller.listener.names=CONTROLLER',
    ...(secured ? security : ['listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT', 'inter.broker.listener.name=PLAINTEXT']),
    `log.dirs=${logDir}`,
    'num.partitions=1',
    // Topics are declared in infra/topics.yaml and applied explicitly; a typo must not create one.
    'auto.create.topics.enable=false',
    `offsets.topic.replication.factor=${rf}`,
    `transaction.state.log.replication.factor=${rf}`,
    `transaction.state.log.min.isr=${minIsr}`,
    `share.coordinator.state.topic.replication.factor=${rf}`,
    `share.coordinator.state.topic.min.isr=${minIsr}`,
  ];
  // Topics created without an explicit replication (the registry's kafkasql journal) follow the cluster.
  if (nodes.length > 1) lines.push(`default.replication.factor=${rf}`, `min.insync.replicas=${minIsr}`);
  // Join groups at once instead of waiting for more members (tests create many groups).
  lines.push('group.initial.rebalance.delay.ms=0');
  return `${lines.join('\n')}\n`;
}
