import { Router } from 'express';
import { consumerLag } from '../kafka/consumer-lag.ts';
import type { AdminPort } from '../kafka/kafka-port.ts';
import type { Platform } from '../runtime/platform.ts';

/**
 * GET /lag: how far a consumer is behind, per group and partition: its main group on the
 * lifecycle topic and its retry group (`<group>.retry`) on the retry topic.
 */
export function lagRouter(platform: Platform, consumer: string, groupId: string): Router {
  let admin: Promise<AdminPort> | undefined;
  const router = Router();
  router.get('/lag', async (_req, res) => {
    admin ??= platform.admin();
    const a = await admin;
    const lag = [
      ...(await consumerLag(a, [groupId], platform.topics.lifecycle.name)),
      ...(await consumerLag(a, [`${groupId}.retry`], platform.topics.retry.name)),
    ];
    res.json({ consumer, total: lag.reduce((n, l) => n + l.lag, 0), partitions: lag });
  });
  return router;
}
