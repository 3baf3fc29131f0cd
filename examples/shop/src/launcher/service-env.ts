// The environment of one shop service, and how the launcher reads its readiness line.
import type { ShopServiceName } from "../shop-contract.js";

/**
 * Variables never inherited from the launcher's own environment: telemetry and shop settings
 * must come from ShopOptions (a `skein start` process has SKEIN_* of its own, a shell may have
 * OTEL_SERVICE_NAME set), and NODE_OPTIONS could load a second instrumentation. Pass any of them
 * through ShopOptions.env to set them deliberately.
 */
const NOT_INHERITED = /^(OTEL_|SKEIN_|SHOP_)|^(NODE_OPTIONS|PORT|HOST|CHECKOUT_URL|PAYMENT_URL|INVENTORY_URL|NATS_URL)$/;

/** Defaults for every service, below ShopOptions.env. */
export const SERVICE_ENV_DEFAULTS: Readonly<Record<string, string>> = {
  // Producer → consumer in one trace: the notification span is parented by AND linked to checkout's.
  SKEIN_PARENT_CONSUMER_SPANS: "true",
  // Half a second instead of the SDK's 5 s, so a demo order shows up in Skein right away.
  OTEL_BSP_SCHEDULE_DELAY: "500",
  OTEL_BLRP_SCHEDULE_DELAY: "500",
};

export interface ServiceEnvInput {
  service: ShopServiceName;
  otlpEndpoint: string;
  inherited: NodeJS.ProcessEnv;
  extra: Readonly<Record<string, string>> | undefined;
  /** The service's own settings (PORT, *_URL, SHOP_*): they win over everything. */
  settings: Readonly<Record<string, string>>;
}

/** Precedence, lowest first: inherited (filtered) < defaults < ShopOptions.env < identity and endpoint < settings. */
export function serviceEnv(input: ServiceEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.inherited)) {
    if (value !== undefined && !NOT_INHERITED.test(key)) env[key] = value;
  }
  return {
    ...env,
    ...SERVICE_ENV_DEFAULTS,
    ...input.extra,
    OTEL_SERVICE_NAME: input.service,
    OTEL_EXPORTER_OTLP_ENDPOINT: input.otlpEndpoint,
    ...input.settings,
  };
}

export interface ServiceReady {
  /** Base URL of an HTTP service; undefined for the notification consumer. */
  url: string | undefined;
}

/** A service is ready at its pino line `{"msg":"listening","url":…}` or `{"msg":"consuming",…}`. */
export function parseReadyLine(line: string): ServiceReady | undefined {
  if (!line.startsWith("{") || !(line.includes('"listening"') || line.includes('"consuming"'))) return undefined;
  let record: { msg?: unknown; url?: unknown };
  try {
    record = JSON.parse(line) as { msg?: unknown; url?: unknown };
  } catch {
    return undefined;
  }
  if (record.msg === "listening" && typeof record.url === "string") return { url: record.url };
  if (record.msg === "consuming") return { url: undefined };
  return undefined;
}

/** A service has closed (requests done, NATS drained) at its pino line `{"msg":"stopped"}`; it then flushes and exits. */
export function isClosedLine(line: string): boolean {
  if (!line.startsWith("{") || !line.includes('"stopped"')) return false;
  try {
    return (JSON.parse(line) as { msg?: unknown }).msg === "stopped";
  } catch {
    return false;
  }
}
