import { z } from 'zod';
import { parseConfig, platformConfigFromEnv, type PlatformConfig } from '../platform/config/load-config.ts';
import { secretSetting } from '../platform/config/secret-setting.ts';
import { consoleConfigFromEnv, type ConsoleConfig } from './console/console-config.ts';

/** A role: viewers may read and dry-run; operators may also execute rewinds, replays and redrives. */
export type AdminRole = 'viewer' | 'operator';

const tokenSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9._@-]+$/, 'a name of letters, digits, ".", "_", "@" or "-"'),
  role: z.enum(['viewer', 'operator']),
  token: z.string().min(24, 'tokens must be at least 24 characters'),
});

const adminApiSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  /** Bearer tokens, each with the name the audit log records and a role. */
  tokens: z.array(tokenSchema).min(1, 'at least one token is needed (name:role:token)'),
});

/** Validated admin API settings; without `console` settings the operations console is off. */
export type AdminApiConfig = z.output<typeof adminApiSchema> & { platform: PlatformConfig; console?: ConsoleConfig };

/** Parses `name:role:token,...` (ADMIN_API_TOKENS). */
function tokensOf(v: string | undefined): unknown[] {
  if (!v) return [];
  return v.split(',').map((item) => {
    const [name, role, ...rest] = item.trim().split(':');
    return { name, role, token: rest.join(':') };
  });
}

/** Reads the admin API's config from the environment; fails naming the wrong variable (never echoing a token). */
export function adminApiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AdminApiConfig {
  const own = parseConfig(
    adminApiSchema,
    { host: env.HOST ?? '127.0.0.1', port: Number(env.ADMIN_API_PORT ?? 18120), tokens: tokensOf(secretSetting(env, 'ADMIN_API_TOKENS')) },
    { host: 'HOST', port: 'ADMIN_API_PORT', tokens: 'ADMIN_API_TOKENS' },
  );
  return { ...own, platform: platformConfigFromEnv(env, 'admin-api'), console: consoleConfigFromEnv(env) };
}
