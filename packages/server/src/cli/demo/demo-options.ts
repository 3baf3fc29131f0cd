import { parseApiDuration } from "@skein/model/api";
import { DemoOptionError } from "./demo-errors.js";

export const DEFAULT_API_URL = "http://127.0.0.1:16686";
export const DEFAULT_RATE = 5;
/** Above this the generator, not the shop, becomes the thing being measured. */
export const MAX_RATE = 1000;

/** `skein demo` flags as commander parses them (no commander defaults: env must be able to apply). */
export interface DemoFlags {
  apiUrl?: string;
  otlpEndpoint?: string;
  rate?: string;
  duration?: string;
  declineRate?: string;
  slowRate?: string;
  checkoutRetry?: boolean;
  quiet?: boolean;
}

/** Validated settings of a demo run. Shares are 0..1; undefined leaves the shop's own default. */
export interface DemoSettings {
  /** Base URL of Skein's UI and API, without a trailing slash. */
  apiUrl: string;
  /** OTLP/HTTP base URL; undefined = derived from Skein's `GET /api/v1/status`. */
  otlpEndpoint?: string;
  ratePerSecond: number;
  /** undefined = until SIGINT/SIGTERM. */
  durationMs?: number;
  declineRate?: number;
  slowInventoryRate?: number;
  checkoutRetry: boolean;
  /** No periodic progress lines and no service output; the ready lines and the summary remain. */
  quiet: boolean;
}

/**
 * Checks the flags (and SKEIN_API_URL, below --api-url) and applies the defaults. Throws
 * DemoOptionError naming the first bad flag, its value and what is allowed.
 */
export function parseDemoOptions(flags: DemoFlags, env: Record<string, string | undefined> = {}): DemoSettings {
  const fromEnv = flags.apiUrl === undefined && env.SKEIN_API_URL !== undefined && env.SKEIN_API_URL !== "";
  const apiUrl = parseBaseUrl(flags.apiUrl ?? (fromEnv ? env.SKEIN_API_URL! : DEFAULT_API_URL), fromEnv ? "SKEIN_API_URL" : "--api-url");
  return {
    apiUrl,
    otlpEndpoint: flags.otlpEndpoint === undefined ? undefined : parseBaseUrl(flags.otlpEndpoint, "--otlp-endpoint"),
    ratePerSecond: flags.rate === undefined ? DEFAULT_RATE : parseRate(flags.rate),
    durationMs: flags.duration === undefined ? undefined : parseDuration(flags.duration),
    declineRate: flags.declineRate === undefined ? undefined : parseShare(flags.declineRate, "--decline-rate"),
    slowInventoryRate: flags.slowRate === undefined ? undefined : parseShare(flags.slowRate, "--slow-rate"),
    checkoutRetry: flags.checkoutRetry === true,
    quiet: flags.quiet === true,
  };
}

/** An http(s) URL without query or fragment; returned without a trailing slash. */
export function parseBaseUrl(text: string, flag: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:") || url.search !== "" || url.hash !== "") {
    throw new DemoOptionError(`${flag} "${text}" is not an http(s) base URL; give one such as ${DEFAULT_API_URL}`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

function parseRate(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0 || value > MAX_RATE) {
    throw new DemoOptionError(`--rate "${text}" is not a rate; give orders per second above 0 and at most ${MAX_RATE}, such as 5 or 0.5`);
  }
  return value;
}

/** A duration with units (`30s`, `5m`, `1m30s`, `500ms`), in whole milliseconds. */
export function parseDuration(text: string): number {
  const nanos = parseApiDuration(text.trim());
  const ms = nanos === undefined ? 0 : Number(nanos / 1_000_000n);
  if (ms < 1) throw new DemoOptionError(`--duration "${text}" is not a duration; give a number with a unit, such as 30s, 5m or 1h30m (omit it to run until Ctrl-C)`);
  return ms;
}

function parseShare(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new DemoOptionError(`${flag} "${text}" is not a share; give a number from 0 to 1, such as 0.1 for 10%`);
  }
  return value;
}
