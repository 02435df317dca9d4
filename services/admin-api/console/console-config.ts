import { z } from 'zod';
import { csv, parseConfig } from '../../platform/config/load-config.ts';
import { durationSetting } from '../../platform/config/duration-setting.ts';
import { secretSetting } from '../../platform/config/secret-setting.ts';

/** Health endpoints of the local demo's services (ports of `npm start` and docker-compose.yml). */
export const defaultConsoleServices =
  'wms=http://127.0.0.1:18100,tms=http://127.0.0.1:18101,carrier=http://127.0.0.1:18102,erp=http://127.0.0.1:18110,crm=http://127.0.0.1:18111,notification=http://127.0.0.1:18112,ops-monitor=http://127.0.0.1:18130,analytics=http://127.0.0.1:18160';

const consoleSchema = z.object({
  /** Services whose `/health/ready` the overview polls, by name. */
  services: z.array(z.object({ name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'a name of letters, digits, ".", "_" or "-"'), url: z.url() })),
  /** Base URL of the trace viewer (Jaeger): a trace link is `<traceUrl>/trace/<traceId>`. */
  traceUrl: z.url(),
  /** HMAC key for session cookies; generated at start when not given (sessions then end with the process). */
  sessionSecret: z.string().min(32, 'at least 32 characters').optional(),
  /** How long a login lasts. */
  sessionTtlMs: durationSetting,
  /** How often the sampler records lag and throughput. */
  sampleIntervalMs: durationSetting,
  /** How many samples the ring buffer keeps (the plots' time span is this times the interval). */
  samples: z.number().int().min(2).max(100_000),
  /** Consumer groups to show; discovered from committed offsets on the backbone's topics when not given. */
  groups: z.array(z.string().min(1)).optional(),
});

/** Validated console settings. */
export type ConsoleConfig = z.output<typeof consoleSchema>;

/** Parses `name=url,...` (CONSOLE_SERVICES). */
function servicesOf(v: string): unknown[] {
  return (csv(v) ?? []).map((item) => {
    const at = item.indexOf('=');
    return { name: at < 0 ? item : item.slice(0, at), url: at < 0 ? '' : item.slice(at + 1) };
  });
}

/** Reads the console's settings; fails naming the wrong variable (never echoing the secret). */
export function consoleConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ConsoleConfig {
  return parseConfig(
    consoleSchema,
    {
      services: servicesOf(env.CONSOLE_SERVICES ?? defaultConsoleServices),
      traceUrl: (env.CONSOLE_TRACE_URL ?? 'http://localhost:16686').replace(/\/+$/, ''),
      sessionSecret: secretSetting(env, 'CONSOLE_SESSION_SECRET') || undefined,
      sessionTtlMs: env.CONSOLE_SESSION_TTL ?? '8h',
      sampleIntervalMs: env.CONSOLE_SAMPLE_INTERVAL ?? '5s',
      samples: Number(env.CONSOLE_SAMPLES ?? 720),
      groups: csv(env.CONSOLE_GROUPS),
    },
    {
      services: 'CONSOLE_SERVICES',
      traceUrl: 'CONSOLE_TRACE_URL',
      sessionSecret: 'CONSOLE_SESSION_SECRET',
      sessionTtlMs: 'CONSOLE_SESSION_TTL',
      sampleIntervalMs: 'CONSOLE_SAMPLE_INTERVAL',
      samples: 'CONSOLE_SAMPLES',
      groups: 'CONSOLE_GROUPS',
    },
  );
}
