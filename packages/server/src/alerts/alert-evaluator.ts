import type { Storage } from "@skein/storage";
import { decodeEvent } from "./alert-codec.js";
import { measureRule, type AlertMeasurement } from "./alert-measure.js";
import type { AlertNotifier } from "./alert-notifier.js";
import { thresholdOf, type AlertRule } from "./alert-rule.js";
import type { AlertRules } from "./alert-rules.js";
import type { AlertLogger, AlertTelemetry } from "./alert-telemetry.js";

/** A rule's state between evaluations (in memory; the state itself is rebuilt from events at start). */
export interface AlertRuntime {
  state: "ok" | "firing";
  /** unix ms of the last evaluation; null before the first since start. */
  lastEvaluatedAt: number | null;
  /** The last measured value (percent or ns); null before the first or without data. */
  lastValue: number | null;
}

export interface AlertEvaluatorOptions {
  storage: Pick<Storage, "metrics" | "alerts">;
  rules: AlertRules;
  notifier: Pick<AlertNotifier, "notify">;
  logger: AlertLogger;
  telemetry?: AlertTelemetry;
}

const INITIAL: AlertRuntime = Object.freeze({ state: "ok", lastEvaluatedAt: null, lastValue: null });

/**
 * The state machine of every rule. A pass measures each enabled rule (alert-measure.ts):
 * above the threshold → firing, at or below → ok, no data (fewer than minRequests requests) →
 * unchanged. ok → firing sends a "firing" notification, firing → ok a "resolved" one. The state
 * changes at once; the notification runs in the background (chained per rule, so a rule's
 * notifications are sent in order) and a slow webhook never holds up the pass. Before the first
 * pass, the states are rebuilt from each rule's latest event, so a restart while firing does not
 * fire again. Disabled rules are not evaluated and keep their state.
 */
export class AlertEvaluator {
  readonly #runtime = new Map<string, AlertRuntime>();
  readonly #chains = new Map<string, Promise<void>>();
  readonly #abort = new AbortController();
  #loaded = false;

  constructor(private readonly options: AlertEvaluatorOptions) {}

  /** The rule's state as the API shows it. */
  runtimeOf(ruleId: string): AlertRuntime {
    return this.#runtime.get(ruleId) ?? INITIAL;
  }

  /** Drops a deleted rule's state. */
  forget(ruleId: string): void {
    this.#runtime.delete(ruleId);
  }

  /** One pass over every enabled rule at `nowMs`. Rejects only if the rules cannot be listed. */
  async evaluateAll(nowMs: number, signal?: AbortSignal): Promise<void> {
    const startedAt = performance.now();
    const rules = await this.options.rules.list(signal);
    await this.#loadStates(rules, signal);
    let failed = 0;
    const enabled = rules.filter((rule) => rule.enabled);
    for (const rule of enabled) {
      if (signal?.aborted) break;
      try {
        await this.#evaluate(rule, nowMs, signal);
      } catch (error) {
        if (signal?.aborted) break;
        failed++;
        this.options.logger.warn({ err: error, ruleId: rule.id }, "alert: evaluating the rule failed; it keeps its state until the next pass");
      }
    }
    this.options.telemetry?.passFinished((performance.now() - startedAt) / 1000, enabled.length, failed);
    this.options.telemetry?.firing([...this.#runtime.values()].filter((runtime) => runtime.state === "firing").length);
  }

  /** Resolves when every notification started so far has been sent and recorded. */
  async idle(): Promise<void> {
    while (this.#chains.size > 0) await Promise.all(this.#chains.values());
  }

  /** Cuts webhook calls in flight short (shutdown); their events record that. */
  abortDeliveries(): void {
    this.#abort.abort();
  }

  async #evaluate(rule: AlertRule, nowMs: number, signal?: AbortSignal): Promise<void> {
    const measurement = await measureRule(this.options.storage.metrics.reader, rule, nowMs, signal);
    const previous = this.runtimeOf(rule.id);
    let state = previous.state;
    if (measurement.value !== null) state = measurement.value > thresholdOf(rule.condition) ? "firing" : "ok";
    this.#runtime.set(rule.id, { state, lastEvaluatedAt: nowMs, lastValue: measurement.value });
    if (state !== previous.state) this.#notify(rule, state === "firing" ? "firing" : "resolved", measurement, nowMs);
  }

  #notify(rule: AlertRule, state: "firing" | "resolved", measurement: AlertMeasurement, nowMs: number): void {
    const previous = this.#chains.get(rule.id) ?? Promise.resolve();
    const next = previous
      .then(() => this.options.notifier.notify(rule, state, measurement, nowMs, this.#abort.signal))
      .catch((error: unknown) => this.options.logger.error({ err: error, ruleId: rule.id }, "alert: notification failed"))
      .finally(() => {
        if (this.#chains.get(rule.id) === next) this.#chains.delete(rule.id);
      });
    this.#chains.set(rule.id, next);
  }

  /** Once: each rule's state from its latest event ("firing" → firing, else ok). */
  async #loadStates(rules: AlertRule[], signal?: AbortSignal): Promise<void> {
    if (this.#loaded) return;
    for (const rule of rules) {
      if (this.#runtime.has(rule.id)) continue;
      for await (const chunk of this.options.storage.alerts.findEvents({ ruleId: rule.id, limit: 1 }, signal)) {
        const latest = chunk[0] === undefined ? undefined : decodeEvent(chunk[0]);
        if (latest?.state === "firing") this.#runtime.set(rule.id, { ...INITIAL, state: "firing" });
        break;
      }
    }
    this.#loaded = true;
  }
}
