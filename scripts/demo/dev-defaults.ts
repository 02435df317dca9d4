/**
 * Defaults for running the backbone locally. The webhook secret is a published, dev-only
 * value (docker-compose.yml uses the same): real deployments inject their own.
 */
export const devWebhookSecret = `whsec_${Buffer.from('local-dev-only-secret').toString('base64')}`;

/** Service ports of the local demo (same as docker-compose.yml). */
export const devPorts = { wmsAdapter: 18100, tmsAdapter: 18101, carrierAdapter: 18102, erpConsumerHealth: 18110, demoErp: 18200 } as const;

/** Admin API bearer tokens for the local demo (name:role:token), published and dev-only. */
export const devAdminTokens = 'viewer:viewer:local-dev-viewer-token-0000,operator:operator:local-dev-operator-token-000';
