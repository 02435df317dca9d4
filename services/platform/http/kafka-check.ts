import type { AdminPort } from '../kafka/kafka-port.ts';
import type { Platform } from '../runtime/platform.ts';
import type { ReadinessCheck } from './health-router.ts';

/**
 * A readiness check that Kafka answers: the lifecycle topic's metadata through one admin
 * client, connected by the first probe and closed with the platform. Probes do not pile up:
 * while one is in flight, the next caller shares its answer.
 */
export function kafkaCheck(platform: Platform): ReadinessCheck {
  let admin: Promise<AdminPort> | undefined;
  let inFlight: Promise<boolean> | undefined;
  const topic = platform.topics.lifecycle.name;
  const probe = async (): Promise<boolean> => {
    admin ??= platform.admin().catch((err: unknown) => {
      admin = undefined; // the next probe connects again
      throw err;
    });
    const counts = await (await admin).partitionCounts([topic]);
    return (counts.get(topic) ?? 0) > 0;
  };
  return () => {
    inFlight ??= probe().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
