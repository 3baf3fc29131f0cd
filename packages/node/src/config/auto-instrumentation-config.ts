import type { InstrumentationConfigMap } from "@opentelemetry/auto-instrumentations-node";
import { envList, type Env } from "./env-values.js";

/**
 * Off unless asked for (OTEL_NODE_ENABLED_INSTRUMENTATIONS or `{ enabled: true }` in code):
 * - fs makes a span per file operation, dns and net one per lookup and per socket; each outgoing
 *   HTTP call would carry two or three extra spans that say less than its http/undici span, and
 *   they cost time on every request. (fs is off by default in auto-instrumentations-node too.)
 * - router: Express 5 is built on the `router` package, which the express instrumentation
 *   already covers; with both on, every request gets duplicate handler spans (one of them named
 *   "middleware - patched") and the log lines attach to the duplicate. Turn it on for apps that
 *   use `router` without Express.
 */
const OFF_BY_DEFAULT = ["fs", "dns", "net", "router"] as const;

/**
 * runtime-node only records metrics (event loop delay and utilization, GC, heap). Without
 * an OTEL_METRICS_EXPORTER other than `none` nothing reads them, yet it samples the event loop
 * every 10 ms and observes every GC: ~2 ms of CPU per second in an idle service (measured with
 * bench/fixtures/sdk-service.mjs). Off unless metrics are exported.
 */
const METRICS_ONLY = ["runtime-node"] as const;

/**
 * The config map handed to getNodeAutoInstrumentations(): Skein's defaults with the user's map
 * merged over them, entry by entry. OTEL_NODE_ENABLED_/_DISABLED_INSTRUMENTATIONS are applied
 * by auto-instrumentations-node itself; one of OFF_BY_DEFAULT (or METRICS_ONLY) named in the
 * enabled list is left to it.
 */
export function autoInstrumentationConfig(
  user: InstrumentationConfigMap | undefined,
  logs: boolean,
  env: Env,
): InstrumentationConfigMap {
  const enabledByEnv = envList(env, "OTEL_NODE_ENABLED_INSTRUMENTATIONS");
  const defaults: InstrumentationConfigMap = {
    // Correlation keys match the console JSON lines and Skein's log view. Log sending hands each
    // record to the OTel Logs SDK, which exports it as an OTLP log with the span's ids.
    "@opentelemetry/instrumentation-pino": {
      disableLogSending: !logs,
      logKeys: { traceId: "trace_id", spanId: "span_id", traceFlags: "trace_flags" },
    },
    "@opentelemetry/instrumentation-winston": { disableLogSending: !logs },
  };
  const metricsExported = envList(env, "OTEL_METRICS_EXPORTER").some((exporter) => exporter !== "none");
  const off = [...OFF_BY_DEFAULT, ...(metricsExported ? [] : METRICS_ONLY)];
  for (const name of off) {
    if (!enabledByEnv.includes(name)) defaults[`@opentelemetry/instrumentation-${name}`] = { enabled: false };
  }
  const merged: Record<string, object> = { ...defaults };
  for (const [name, config] of Object.entries(user ?? {})) {
    merged[name] = { ...(merged[name] ?? {}), ...config };
  }
  return merged as InstrumentationConfigMap;
}
