import { diag } from "@opentelemetry/api";
import { envFlag } from "../config/env-values.js";

/** Process-wide defaults of the queue helpers; a per-call option overrides them. */
export interface QueueSpanSettings {
  /**
   * When true, a consumer span is a child of the producer span found in the message headers
   * (one trace from publish to processing). When false (the default), it starts a new trace and
   * only links to the producer span, as OTel messaging semconv suggests for batch consumers.
   */
  parentConsumerSpans: boolean;
}

/** Environment variable of `parentConsumerSpans`: `true`/`1` or `false`/`0` (see envFlag). */
export const PARENT_CONSUMER_SPANS_ENV = "SKEIN_PARENT_CONSUMER_SPANS";

let configured: Partial<QueueSpanSettings> = {};
/** SKEIN_PARENT_CONSUMER_SPANS as read on first use; undefined until then. */
let fromEnv: boolean | undefined;

/**
 * Sets the defaults (`start()` calls it with its resolved options, so they win over anything
 * read later); keys left out or undefined keep their current value.
 */
export function configureQueueSpans(settings: Partial<QueueSpanSettings>): void {
  if (settings.parentConsumerSpans !== undefined) {
    configured = { ...configured, parentConsumerSpans: settings.parentConsumerSpans };
  }
}

/**
 * The effective settings: configured values first; else SKEIN_PARENT_CONSUMER_SPANS, read from
 * process.env once, on first use (for apps that use the helpers without `start()`); else false.
 * An invalid value is reported once through the OTel diag logger and counts as false.
 */
export function queueSpanSettings(): QueueSpanSettings {
  if (configured.parentConsumerSpans !== undefined) return { parentConsumerSpans: configured.parentConsumerSpans };
  fromEnv ??= envFlag(process.env, PARENT_CONSUMER_SPANS_ENV, (message) => diag.warn(message)) ?? false;
  return { parentConsumerSpans: fromEnv };
}

/** Forgets configured values and the environment read (tests). */
export function resetQueueSpans(): void {
  configured = {};
  fromEnv = undefined;
}
