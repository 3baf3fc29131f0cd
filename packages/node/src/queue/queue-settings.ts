import { diag } from "@opentelemetry/api";

/** Process-wide defaults of the queue helpers; a per-call option overrides them. */
export interface QueueSpanSettings {
  /**
   * When true, a consumer span is a child of the producer span found in the message headers
   * (one trace from publish to processing). When false (the default), it starts a new trace and
   * only links to the producer span, as OTel messaging semconv suggests for batch consumers.
   */
  parentConsumerSpans: boolean;
}

/** Environment variable of `parentConsumerSpans`: `true`/`1` or `false`/`0`. */
export const PARENT_CONSUMER_SPANS_ENV = "SKEIN_PARENT_CONSUMER_SPANS";

let configured: Partial<QueueSpanSettings> = {};

/**
 * Sets the defaults (called by `start()` with its options); keys left out or undefined keep
 * their current value, which falls back to the environment.
 */
export function configureQueueSpans(settings: Partial<QueueSpanSettings>): void {
  if (settings.parentConsumerSpans !== undefined) {
    configured = { ...configured, parentConsumerSpans: settings.parentConsumerSpans };
  }
}

/** The effective settings: configured values first, then SKEIN_PARENT_CONSUMER_SPANS, then false. */
export function queueSpanSettings(env: NodeJS.ProcessEnv = process.env): QueueSpanSettings {
  return { parentConsumerSpans: configured.parentConsumerSpans ?? parentConsumerSpansFromEnv(env) };
}

/** Forgets configured values (tests). */
export function resetQueueSpans(): void {
  configured = {};
}

let warnedAbout: string | undefined;

/**
 * Like every @skein/node environment value, a typo never stops the app: an invalid value is
 * reported once (OTel diag; `start()` reports it in its own warnings too) and treated as unset.
 */
function parentConsumerSpansFromEnv(env: NodeJS.ProcessEnv): boolean {
  const raw = env[PARENT_CONSUMER_SPANS_ENV];
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === "" || value === "false" || value === "0") return false;
  if (value === "true" || value === "1") return true;
  if (warnedAbout !== raw) {
    warnedAbout = raw;
    diag.warn(`${PARENT_CONSUMER_SPANS_ENV}=${JSON.stringify(raw)} is not a boolean; use true or false. Consumer spans are only linked, not parented.`);
  }
  return false;
}
