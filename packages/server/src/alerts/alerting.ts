import type { Component, Storage } from "@skein/storage";
import type { FastifyInstance } from "fastify";
import { AlertEvaluator } from "./alert-evaluator.js";
import { ALERT_FLUSH_GRACE_MS, completeMinutesEnd } from "./alert-measure.js";
import { AlertNotifier } from "./alert-notifier.js";
import { registerAlertRoutes } from "./alert-routes.js";
import { AlertRules } from "./alert-rules.js";
import type { AlertOutboxOptions } from "./alert-outbox.js";
import type { AlertLogger, AlertTelemetry } from "./alert-telemetry.js";
import type { WebhookDeliveryOptions } from "./webhook-delivery.js";

/** Time and timers, injectable so tests drive the schedule. */
export interface AlertClock {
  /** ms since the Unix epoch (wall clock): the minutes measured, event times. */
  now(): number;
  /** ms on a monotonic clock (performance.now()): waits between passes and redeliveries, immune to wall-clock steps. */
  monotonicNow(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemAlertClock: AlertClock = {
  now: () => Date.now(),
  monotonicNow: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface AlertingOptions {
  storage: Pick<Storage, "kind" | "metrics" | "traces" | "logs" | "alerts">;
  /** Should name the component (main.ts passes a child with `component: "alerts"`). */
  logger: AlertLogger;
  /** ms between evaluation passes (config alertInterval). 1 minute or more: whole minutes, aligned to the minutes' flushes. */
  intervalMs: number;
  /**
   * The span-metrics processor's flush interval in ms (config spanMetricsFlushInterval): a minute
   * is measured once flushed. Default 10 s, the config's default.
   */
  spanMetricsFlushIntervalMs?: number;
  /**
   * Whether this node evaluates rules and sends notifications (config `alerts === "on"`; default
   * true). When false, start() starts nothing and the rules API shows each rule's state from its
   * latest event (another node evaluates).
   */
  evaluate?: boolean;
  /** Whether the span-metrics processor runs (config `spanMetrics === "on"`; default true): without it rules never have data, said once at start. */
  spanMetricsOn?: boolean;
  /** Base URL of the UI for links (config publicUrl, else the bound address); a function when known only after listen. */
  publicUrl: string | (() => string);
  clock?: AlertClock;
  telemetry?: AlertTelemetry;
  /** Delivery tuning (tests shorten the timeout and backoff, or inject fetch). */
  delivery?: Omit<WebhookDeliveryOptions, "signal">;
  /** Redelivery of notifications not delivered (alert-outbox.ts defaults: next pass, then 1, 2, 5, 10 min apart, for 1 h). */
  redelivery?: Omit<AlertOutboxOptions, "monotonicNow">;
}

/** Alerting as the composition root sees it: a Component plus its API routes. */
export interface Alerting extends Component {
  /** Registers `/alerts/rules…` and `/alerts/events` on the `/api/v1` plugin (pass it in QueryRoutesOptions.routes). */
  registerRoutes(api: FastifyInstance): void;
  /** Runs a pass now unless one is running (then waits for it); nothing when this node does not evaluate. Never rejects. */
  evaluateNow(): Promise<void>;
  /** Resolves when every notification started so far is sent and recorded (tests). */
  idle(): Promise<void>;
}

const MINUTE_MS = 60_000;
const DEFAULT_SPAN_METRICS_FLUSH_INTERVAL_MS = 10_000;
/** A pass runs this long after the grid point where its newest minute becomes complete (timer and clock jitter). */
const SCHEDULE_MARGIN_MS = 250;

/**
 * Alert rules, their evaluation and notifications. Each pass measures the last complete minutes a
 * span-metrics flush has covered (alert-measure.ts). With an interval of 1 minute or more (rounded
 * to whole minutes), passes run at the minute grid plus the flush interval plus a grace, so each
 * sees the minutes that just completed; a shorter interval (tests) runs a pass every interval.
 * start() runs a first pass at once. Waits run on the monotonic clock and are clamped (at most one
 * step plus the lag), so a wall-clock step back or forward delays evaluation by at most one step;
 * passes never overlap, and one that overruns is followed at once. shutdown() — idempotent, safe
 * before start() — cancels the next pass, waits for the pass in flight, cuts webhook calls in
 * flight short and waits until their events are stored (the next start redelivers them): stop
 * alerting before storage.
 */
export function createAlerting(options: AlertingOptions): Alerting {
  if (!(options.intervalMs > 0)) throw new RangeError(`alert interval must be > 0 ms, got ${options.intervalMs}`);
  const flushIntervalMs = options.spanMetricsFlushIntervalMs ?? DEFAULT_SPAN_METRICS_FLUSH_INTERVAL_MS;
  if (!(flushIntervalMs >= 0)) throw new RangeError(`span-metrics flush interval must be ≥ 0 ms, got ${flushIntervalMs}`);
  const clock = options.clock ?? systemAlertClock;
  const evaluate = options.evaluate ?? true;
  const lagMs = flushIntervalMs + ALERT_FLUSH_GRACE_MS;
  const aligned = options.intervalMs >= MINUTE_MS;
  const stepMs = aligned ? Math.round(options.intervalMs / MINUTE_MS) * MINUTE_MS : options.intervalMs;
  const maxDelayMs = aligned ? stepMs + lagMs + SCHEDULE_MARGIN_MS : options.intervalMs;
  const publicUrl = typeof options.publicUrl === "string" ? () => options.publicUrl as string : options.publicUrl;
  const rules = new AlertRules(options.storage.alerts, () => clock.now());
  const notifier = new AlertNotifier({ storage: options.storage, publicUrl, logger: options.logger, telemetry: options.telemetry, delivery: options.delivery });
  const evaluator = new AlertEvaluator({
    storage: options.storage,
    rules,
    notifier,
    logger: options.logger,
    telemetry: options.telemetry,
    lagMs,
    evaluate,
    now: () => clock.now(),
    monotonicNow: () => clock.monotonicNow(),
    redelivery: options.redelivery,
  });
  const abort = new AbortController();
  let timer: unknown;
  let running: Promise<void> | undefined;
  let started = false;
  let stopped = false;

  const schedule = (ms: number) => {
    timer = clock.setTimeout(() => {
      timer = undefined;
      void evaluateNow();
    }, Math.min(Math.max(0, ms), maxDelayMs));
  };
  /** The wait after a pass that started at `wall` / `mono`: to the next grid point (aligned), else one interval from its start. */
  const delayAfter = (wall: number, mono: number): number => {
    if (!aligned) return options.intervalMs - (clock.monotonicNow() - mono);
    return completeMinutesEnd(wall, lagMs) + stepMs + lagMs + SCHEDULE_MARGIN_MS - clock.now();
  };
  const evaluateNow = (): Promise<void> => {
    if (stopped || !evaluate) return Promise.resolve();
    running ??= (async () => {
      const wall = clock.now();
      const mono = clock.monotonicNow();
      try {
        await evaluator.evaluateAll(wall, abort.signal);
      } catch (error) {
        if (!abort.signal.aborted) options.logger.warn({ err: error }, "alert evaluation pass failed; the next pass retries");
      } finally {
        running = undefined;
        if (started && !stopped) {
          if (timer !== undefined) clock.clearTimeout(timer);
          schedule(delayAfter(wall, mono));
        }
      }
    })();
    return running;
  };

  return {
    async start() {
      if (started || stopped) return;
      started = true;
      if (!evaluate) {
        options.logger.info({}, "alerts: this node does not evaluate alert rules (alerts off); the rules API shows each rule's state from its latest event");
        return;
      }
      if (options.spanMetricsOn === false) {
        options.logger.warn({}, "alerts: span metrics are off (--span-metrics off), so alert rules have no data and never fire; turn span metrics on where alerts are evaluated");
      }
      options.logger.info({ intervalMs: stepMs, lagMs }, `alerts: evaluating rules every ${stepMs / 1000} s over the minutes complete ${lagMs / 1000} s after they end`);
      schedule(0);
    },
    async shutdown() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      abort.abort(new Error("alerting stopped: the server is shutting down"));
      await running;
      evaluator.abortDeliveries();
      await evaluator.idle();
    },
    registerRoutes(api) {
      registerAlertRoutes(api, { rules, evaluator, store: options.storage.alerts, storageKind: options.storage.kind });
    },
    evaluateNow,
    idle: () => evaluator.idle(),
  };
}
