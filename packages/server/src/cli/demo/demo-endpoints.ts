import { apiStatusResponseSchema, type ApiStatusResponse } from "@skein/model/api";
import { DemoStartError } from "./demo-errors.js";

/** How long `GET /api/v1/status` may take before Skein counts as unreachable. */
const STATUS_TIMEOUT_MS = 5_000;

/**
 * Asks the Skein at `apiUrl` what it is (`GET /api/v1/status`). Throws DemoStartError when nothing
 * answers ("start it") or something that is not Skein's API answers ("pass --api-url").
 */
export async function fetchSkeinStatus(apiUrl: string, timeoutMs = STATUS_TIMEOUT_MS): Promise<ApiStatusResponse> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}/api/v1/status`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new DemoStartError(`no Skein at ${apiUrl}: start it with \`npm start\` (or pass --api-url)`, { cause: error });
  }
  const notSkein = (why: string) =>
    new DemoStartError(`${apiUrl} is not a Skein API (${why} from GET /api/v1/status): pass --api-url with the "UI and API" URL that \`skein start\` prints`);
  if (!response.ok) throw notSkein(`HTTP ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw notSkein("a body that is not JSON");
  }
  const parsed = apiStatusResponseSchema.safeParse(body);
  if (!parsed.success) throw notSkein("an unexpected JSON body");
  return parsed.data;
}

/**
 * The OTLP/HTTP base URL of the Skein at `apiUrl`: same scheme and host, the receiver's bound port.
 * Throws DemoStartError when that Skein runs no OTLP/HTTP receiver.
 */
export function otlpEndpointFromStatus(apiUrl: string, status: ApiStatusResponse): string {
  const port = status.ingest.otlpHttpPort;
  if (port === null) {
    throw new DemoStartError(`the Skein at ${apiUrl} runs no OTLP/HTTP receiver: enable it, or pass --otlp-endpoint with the URL to export to`);
  }
  const url = new URL(apiUrl);
  url.port = String(port);
  return url.origin;
}

/**
 * The URL a local client uses to reach a server bound to `host`: a wildcard address (0.0.0.0, ::)
 * is reached on loopback; an IPv6 address is bracketed.
 */
export function localUrl(host: string, port: number): string {
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" || host === "[::]" ? "::1" : host;
  const bracketed = reachable.includes(":") && !reachable.startsWith("[") ? `[${reachable}]` : reachable;
  return `http://${bracketed}:${port}`;
}
