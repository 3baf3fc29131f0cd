import { envString, type Env, type Warn } from "./env-values.js";

export const DEFAULT_OTLP_ENDPOINT = "http://localhost:4318";

export type Signal = "traces" | "logs";

/**
 * The OTLP/HTTP URL one signal is exported to. Order: the code `endpoint` (a base URL),
 * OTEL_EXPORTER_OTLP_<SIGNAL>_ENDPOINT (a full URL, used as it is), OTEL_EXPORTER_OTLP_ENDPOINT
 * (a base URL), then the default. Base URLs get `v1/<signal>` appended to their path, as the
 * OTel spec says. A value that is not an http(s) URL is reported and skipped.
 */
export function signalUrl(signal: Signal, codeEndpoint: string | undefined, env: Env, warn: Warn): string {
  const path = `v1/${signal}`;
  if (codeEndpoint !== undefined) {
    if (isHttpUrl(codeEndpoint)) return appendPath(codeEndpoint, path);
    warn(`endpoint "${codeEndpoint}" is not an http(s) URL (e.g. http://localhost:4318). Falling back to the environment or the default.`);
  }
  const specificName = `OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_ENDPOINT`;
  const specific = envString(env, specificName);
  if (specific !== undefined) {
    if (isHttpUrl(specific)) return specific;
    warn(`${specificName}="${specific}" is not an http(s) URL. Ignoring it.`);
  }
  const base = envString(env, "OTEL_EXPORTER_OTLP_ENDPOINT");
  if (base !== undefined) {
    if (isHttpUrl(base)) return appendPath(base, path);
    warn(`OTEL_EXPORTER_OTLP_ENDPOINT="${base}" is not an http(s) URL (e.g. http://localhost:4318). Using ${DEFAULT_OTLP_ENDPOINT}.`);
  }
  return appendPath(DEFAULT_OTLP_ENDPOINT, path);
}

function appendPath(base: string, path: string): string {
  return base.endsWith("/") ? base + path : `${base}/${path}`;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
