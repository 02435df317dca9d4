import { z } from 'zod';
import { ConfigError } from '../errors/backbone-error.ts';

/** What the standard OTEL_* environment asks of tracing, decided before anything is loaded. */
export interface TracingSettings {
  /** False unless an exporter or an OTLP endpoint is configured (and OTEL_SDK_DISABLED is not true). */
  enabled: boolean;
  /** Why tracing is on or off, for the start-up log line. */
  reason: string;
  /** OTEL_SERVICE_NAME, or the service's own name. */
  serviceName: string;
}

const samplers = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;

const otelEnv = z.object({
  OTEL_SDK_DISABLED: z.enum(['true', 'false', '']).optional(),
  OTEL_SERVICE_NAME: z.string().optional(),
  OTEL_TRACES_EXPORTER: z.string().optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional().or(z.literal('')),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional().or(z.literal('')),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['grpc', 'http/protobuf', 'http/json', '']).optional(),
  OTEL_TRACES_SAMPLER: z.enum([...samplers, '']).optional(),
  OTEL_TRACES_SAMPLER_ARG: z.string().regex(/^(0(\.\d+)?|1(\.0+)?)?$/, 'a ratio between 0 and 1').optional(),
});

/**
 * Reads the standard OpenTelemetry variables. Tracing is OFF unless `OTEL_TRACES_EXPORTER`
 * names an exporter (not "none") or an OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set; `OTEL_SDK_DISABLED=true` turns it off
 * regardless. Off means the SDK is never loaded and nothing is patched. A malformed value
 * fails start-up with a ConfigError naming the variable.
 */
export function tracingSettingsFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): TracingSettings {
  const parsed = otelEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new ConfigError(`${name}: ${issue.message}`, { path: name, issues: parsed.error.issues });
  }
  const e = parsed.data;
  const serviceName = e.OTEL_SERVICE_NAME || service;
  const exporters = (e.OTEL_TRACES_EXPORTER ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const endpoint = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || e.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (e.OTEL_SDK_DISABLED === 'true') return { enabled: false, reason: 'OTEL_SDK_DISABLED=true', serviceName };
  if (exporters[0] === 'none') return { enabled: false, reason: 'OTEL_TRACES_EXPORTER=none', serviceName };
  if (exporters.length > 0) return { enabled: true, reason: `OTEL_TRACES_EXPORTER=${exporters.join(',')}`, serviceName };
  if (endpoint) return { enabled: true, reason: `OTLP endpoint ${endpoint}`, serviceName };
  return { enabled: false, reason: 'no OTEL_TRACES_EXPORTER or OTLP endpoint configured', serviceName };
}
