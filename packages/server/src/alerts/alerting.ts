import type { Component, Storage } from "@skein/storage";
import type { FastifyInstance } from "fastify";
import { AlertEvaluator } from "./alert-evaluator.js";
import { AlertNotifier } from "./alert-notifier.js";
import { registerAlertRoutes } from "./alert-routes.js";
import { AlertRules } from "./alert-rules.js";
import type { AlertLogger, AlertTelemetry } from "./alert-telemetry.js";
import type { WebhookDeliveryOptions } from "./webhook-delivery.js";

/** Time and timers, injectable so tests drive the schedule. */
export interface AlertClock {
  /** ms since the Unix epoch */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemAlertClock: AlertClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface AlertingOptions {
  storage: Pick<Storage, "kind" | "metrics" | "traces" | "logs" | "alerts">;
  /** Should name the component (main.ts passes a child with `component: "alerts"`). */
  logger: AlertLogger;
  /** ms between the starts of evaluation passes (config alertInterval). */
  intervalMs: number;
  /** Base URL of the UI for links (config publicUrl, else the bound address); a function when known only after listen. */
  publicUrl: string | (() => string);
  clock?: AlertClock;
  telemetry?: AlertTelemetry;
  /** Delivery tuning (tests shorten the timeout and backoff, or inject fetch). */
  delivery?: Omit<WebhookDeliveryOptions, "signal">;
}

/** Alerting as the composition root sees it: a Component plus its API routes. */
export interface Alerting extends Component {
  /** Registers `/alerts/rules…` and `/alerts/events` on the `/api/v1` plugin (pass it in QueryRoutesOptions.routes). */
  registerRoutes(api: FastifyInstance): void;
  /** Runs a pass now unless one is running (then waits for it). Never rejects. Tests and the first pass use it. */
  evaluateNow(): Promise<void>;
  /** Resolves when every notification started so far is sent and recorded (tests). */
  idle(): Promise<void>;
}

/**
 * Alert rules, their evaluation and notifications. start() runs a first pass at once, then one
 * every intervalMs (measured start to start; a pass that overruns is followed at once, passes
 * never overlap). shutdown() — idempotent, safe before start() — cancels the next pass, waits for
 * the pass in flight, cuts webhook calls in flight short and waits until their events are stored:
 * stop alerting before storage.
 */
export function createAlerting(options: AlertingOptions): Alerting {
  if (!(options.intervalMs > 0)) throw new RangeError(`alert interval must be > 0 ms, got ${options.intervalMs}`);
  const clock = options.clock ?? systemAlertClock;
  const publicUrl = typeof options.publicUrl === "string" ? () => options.publicUrl as string : options.publicUrl;
  const rules = new AlertRules(options.storage.alerts, () => clock.now());
  const notifier = new AlertNotifier({ storage: options.storage, publicUrl, logger: options.logger, telemetry: options.telemetry, delivery: options.delivery });
  const evaluator = new AlertEvaluator({ storage: options.storage, rules, notifier, logger: options.logger, telemetry: options.telemetry });
  const abort = new AbortController();
  let timer: unknown;
  let running: Promise<void> | undefined;
  let started = false;
  let stopped = false;

  const schedule = (ms: number) => {
    timer = clock.setTimeout(() => {
      timer = undefined;
      void evaluateNow();
    }, Math.max(0, ms));
  };
  const evaluateNow = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= (async () => {
      const startedAt = clock.now();
      try {
        await evaluator.evaluateAll(startedAt, abort.signal);
      } catch (error) {
        if (!abort.signal.aborted) options.logger.warn({ err: error }, "alert evaluation pass failed; the next pass retries");
      } finally {
        running = undefined;
        if (started && !stopped) {
          if (timer !== undefined) clock.clearTimeout(timer);
          schedule(startedAt + options.intervalMs - clock.now());
        }
      }
    })();
    return running;
  };

  return {
    async start() {
      if (started || stopped) return;
      started = true;
      options.logger.info({ intervalMs: options.intervalMs }, `alerts: evaluating rules every ${options.intervalMs / 1000} s`);
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
