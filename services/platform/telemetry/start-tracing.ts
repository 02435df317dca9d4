import { createRequire } from 'node:module';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import type { KafkaJsInstrumentationConfig } from '@opentelemetry/instrumentation-kafkajs';
import { markTracingActive } from './active-tracing.ts';
import { tracingSettingsFromEnv, type TracingSettings } from './tracing-settings.ts';

/** A started (or deliberately not started) tracing SDK. */
export interface Tracing {
  settings: TracingSettings;
  /** Flushes buffered spans and stops the SDK; a no-op when tracing is off. */
  shutdown(): Promise<void>;
}

// The OpenTelemetry SDK and the instrumented libraries are loaded through CommonJS `require`:
// require-in-the-middle patches only what goes through `require`, and an ESM `import` of
// kafkajs or express (how the services load them) never does.
const require = createRequire(import.meta.url);

const quietPaths = ['/health/', '/metrics'];

/**
 * Starts tracing for a service process, from the standard OTEL_* variables (see
 * tracing-settings.ts): NodeSDK with the http, express and kafkajs instrumentations, W3C
 * trace-context propagation, the OTLP exporter chosen by OTEL_TRACES_EXPORTER /
 * OTEL_EXPORTER_OTLP_PROTOCOL (http/protobuf by default), the sampler of OTEL_TRACES_SAMPLER.
 * OTel metrics and logs are not started (metrics come from prom-client, logs from pino).
 *
 * Call it before the service's own modules are imported. After the SDK registered its hooks,
 * kafkajs, express and http are required once here, so the instrumentations patch the very
 * module objects (prototypes) the services' `import`s get. With tracing off nothing is loaded
 * or patched.
 */
export async function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): Promise<Tracing> {
  const settings = tracingSettingsFromEnv(service, env);
  if (!settings.enabled) return { settings, shutdown: async () => undefined };
  const { NodeSDK: Sdk } = require('@opentelemetry/sdk-node') as { NodeSDK: typeof NodeSDK };
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { KafkaJsInstrumentation } = require('@opentelemetry/instrumentation-kafkajs') as typeof import('@opentelemetry/instrumentation-kafkajs');
  const { KafkaBatchDuplicateFilter, samplerFromEnv } = await import('./sampler.ts');
  const { eventAttributesFromHeaders } = await import('./event-span-attributes.ts');
  // Unsampled spans record nothing: reading the headers for them was work paid on every event.
  const producerHook: KafkaJsInstrumentationConfig['producerHook'] = (span, { message }) => {
    if (span.isRecording()) span.setAttributes(eventAttributesFromHeaders(message.headers));
  };
  const sdk = new Sdk({
    serviceName: settings.serviceName,
    sampler: new KafkaBatchDuplicateFilter(samplerFromEnv(env)),
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => quietPaths.some((p) => req.url?.startsWith(p)) }),
      new ExpressInstrumentation(),
      new KafkaJsInstrumentation({ producerHook }),
    ],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  for (const lib of ['node:http', 'node:https', 'express', 'kafkajs']) require(lib);
  markTracingActive();
  return { settings, shutdown: () => sdk.shutdown() };
}
