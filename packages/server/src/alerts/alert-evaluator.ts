import { randomUUID } from "node:crypto";
import type { ApiAlertEvent } from "@skein/model";
import type { Storage } from "@skein/storage";
import { decodeEvent } from "./alert-codec.js";
import { AlertRuleNotFoundError } from "./alert-errors.js";
import { alertWindow, measureRule, type AlertMeasurement } from "./alert-measure.js";
import type { AlertNotifier } from "./alert-notifier.js";
import { AlertOutbox, NOT_SENT_RULE_DISABLED, type AlertOutboxOptions } from "./alert-outbox.js";
import { thresholdOf, type AlertRule } from "./alert-rule.js";
import type { AlertRules } from "./alert-rules.js";
import type { AlertLogger, AlertTelemetry } from "./alert-telemetry.js";
import { disabledText } from "./alert-text.js";

/** A rule's state between evaluations (in memory; rebuilt from each rule's latest event at start). */
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
  notifier: Pick<AlertNotifier, "notify" | "redeliver" | "store">;
  logger: AlertLogger;
  telemetry?: AlertTelemetry;
  /** ms after a minute ends before it is measured: the span-metrics flush interval plus a grace (alert-measure.ts). */
  lagMs: number;
  /** Whether this node evaluates rules (default true). When not, states are read from each rule's latest event. */
  evaluate?: boolean;
  /** unix ms, for events recorded outside a pass (a rule disabled while firing). */
  now: () => number;
  redelivery?: Omit<AlertOutboxOptions, "monotonicNow">;
  monotonicNow?: () => number;
  newId?: () => string;
}

const INITIAL: AlertRuntime = Object.freeze({ state: "ok", lastEvaluatedAt: null, lastValue: null });

/**
 * The state machine of every rule. A pass measures each enabled rule (alert-measure.ts): breached
 * → firing, not breached → ok, no data (fewer than minRequests requests) → unchanged. ok → firing
 * sends a "firing" notification, firing → ok a "resolved" one. The state changes at once; the
 * notification runs in the background (chained per rule, so a rule's notifications are sent in
 * order) and a slow webhook never holds up the pass. A rule edited or deleted while it was being
 * measured is left alone (the next pass measures the new version); before a state change the rule
 * is read again from storage, so an edit from another node is seen too. Each pass also retries
 * the latest event of each rule that was not delivered (alert-outbox.ts). Before the first pass,
 * states are rebuilt from each rule's latest event, so a restart while firing does not fire again
 * and a notification cut short by the restart is delivered then. Event times never go back per
 * rule (a wall-clock step back cannot reorder a rule's history). Disabled rules are not evaluated;
 * disabling a firing rule records a `resolved` event without notifying.
 */
export class AlertEvaluator {
  readonly #runtime = new Map<string, AlertRuntime>();
  /** Each rule's latest event known here (id and time). */
  readonly #latest = new Map<string, { id: string; time: number }>();
  /** updatedAt of rules edited here, Infinity for rules deleted here: a pass that read an older version skips them. */
  readonly #versions = new Map<string, number>();
  readonly #chains = new Map<string, Promise<void>>();
  readonly #abort = new AbortController();
  readonly #outbox: AlertOutbox;
  readonly #evaluate: boolean;
  readonly #newId: () => string;
  #loaded = false;

  constructor(private readonly options: AlertEvaluatorOptions) {
    this.#evaluate = options.evaluate ?? true;
    this.#newId = options.newId ?? randomUUID;
    this.#outbox = new AlertOutbox({ ...options.redelivery, monotonicNow: options.monotonicNow ?? (() => performance.now()) });
  }

  /** The rule's state kept by this node's passes (INITIAL before the first, or when this node does not evaluate). */
  runtimeOf(ruleId: string): AlertRuntime {
    return this.#runtime.get(ruleId) ?? INITIAL;
  }

  /**
   * The states the API shows. On a node that evaluates: runtimeOf. On one that does not (alerts
   * off): each rule's latest event — firing or not, its time and value.
   */
  async runtimesOf(rules: readonly AlertRule[], signal?: AbortSignal): Promise<AlertRuntime[]> {
    if (this.#evaluate) return rules.map((rule) => this.runtimeOf(rule.id));
    const runtimes: AlertRuntime[] = [];
    for (const rule of rules) {
      const latest = await this.#readLatest(rule.id, signal);
      runtimes.push(latest === undefined ? INITIAL : { state: latest.state === "firing" ? "firing" : "ok", lastEvaluatedAt: latest.time, lastValue: latest.value });
    }
    return runtimes;
  }

  /** Drops a deleted rule's state (a pass in flight skips it). */
  forget(ruleId: string): void {
    this.#versions.set(ruleId, Infinity);
    this.#runtime.delete(ruleId);
    this.#latest.delete(ruleId);
    this.#outbox.drop(ruleId);
    this.#reportFiring();
  }

  /**
   * A rule was replaced through the API (a pass in flight skips its older version). Disabling a
   * firing rule records a `resolved` event, not sent (its delivery says NOT_SENT_RULE_DISABLED), and
   * the rule stops counting as firing; its pending redelivery is dropped.
   */
  async ruleReplaced(previous: AlertRule, rule: AlertRule, signal?: AbortSignal): Promise<void> {
    this.#versions.set(rule.id, Math.max(rule.updatedAt, this.#versions.get(rule.id) ?? -Infinity));
    if (!previous.enabled || rule.enabled) return;
    this.#outbox.drop(rule.id);
    if (this.#evaluate && this.#loaded) {
      const runtime = this.runtimeOf(rule.id);
      if (runtime.state !== "firing") return;
      this.#runtime.set(rule.id, { ...runtime, state: "ok" });
      this.#reportFiring();
      const event = this.#disabledEvent(rule);
      this.#enqueue(rule.id, () => this.options.notifier.store(event));
      return;
    }
    const latest = await this.#readLatest(rule.id, signal);
    if (latest?.state !== "firing") return;
    this.#latest.set(rule.id, { id: latest.id, time: latest.time });
    await this.options.notifier.store(this.#disabledEvent(rule));
  }

  /** One pass over every enabled rule at `nowMs`. Rejects only if the rules cannot be listed. */
  async evaluateAll(nowMs: number, signal?: AbortSignal): Promise<void> {
    const startedAt = performance.now();
    const rules = await this.options.rules.list(signal);
    this.#prune(new Set(rules.map((rule) => rule.id)));
    await this.#load(rules, nowMs, signal);
    this.#redeliver(rules, nowMs);
    let failed = 0;
    const enabled = rules.filter((rule) => rule.enabled);
    for (const rule of enabled) {
      if (signal?.aborted) break;
      try {
        await this.#evaluateRule(rule, nowMs, signal);
      } catch (error) {
        if (signal?.aborted) break;
        failed++;
        this.options.logger.warn({ err: error, ruleId: rule.id }, "alert: evaluating the rule failed; it keeps its state until the next pass");
      }
    }
    this.options.telemetry?.passFinished((performance.now() - startedAt) / 1000, enabled.length, failed);
    this.#reportFiring();
  }

  /** Resolves when every notification started so far has been sent and recorded. */
  async idle(): Promise<void> {
    while (this.#chains.size > 0) await Promise.all(this.#chains.values());
  }

  /** Cuts webhook calls in flight short (shutdown); their events record that, and the next start redelivers them. */
  abortDeliveries(): void {
    this.#abort.abort();
  }

  async #evaluateRule(rule: AlertRule, nowMs: number, signal?: AbortSignal): Promise<void> {
    const range = alertWindow(nowMs, rule.windowMs, this.options.lagMs);
    const measurement = await measureRule(this.options.storage.metrics.reader, rule, range, nowMs, signal);
    if (this.#changedSince(rule)) return;
    const previous = this.runtimeOf(rule.id);
    const state = measurement.breached === null ? previous.state : measurement.breached ? "firing" : "ok";
    if (state !== previous.state && !(await this.#stillCurrent(rule, signal))) return;
    this.#runtime.set(rule.id, { state, lastEvaluatedAt: nowMs, lastValue: measurement.value });
    if (state !== previous.state) this.#notify(rule, state === "firing" ? "firing" : "resolved", measurement, nowMs);
  }

  /** Whether the stored rule is still this version and enabled; forgets it when it is gone. */
  async #stillCurrent(rule: AlertRule, signal?: AbortSignal): Promise<boolean> {
    let current: AlertRule;
    try {
      current = await this.options.rules.get(rule.id, signal);
    } catch (error) {
      if (!(error instanceof AlertRuleNotFoundError)) throw error;
      this.forget(rule.id);
      return false;
    }
    return current.enabled && current.updatedAt === rule.updatedAt && !this.#changedSince(rule);
  }

  #changedSince(rule: AlertRule): boolean {
    return (this.#versions.get(rule.id) ?? -Infinity) > rule.updatedAt;
  }

  #notify(rule: AlertRule, state: "firing" | "resolved", measurement: AlertMeasurement, nowMs: number): void {
    const event = this.#nextEvent(rule.id, nowMs);
    this.#outbox.drop(rule.id);
    this.#enqueue(rule.id, async (signal) => this.#settled(await this.options.notifier.notify(rule, state, measurement, event, signal)));
  }

  /** Retries the due undelivered events of enabled rules; gives up on those older than the outbox's max age. */
  #redeliver(rules: readonly AlertRule[], nowMs: number): void {
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    for (const event of this.#outbox.due()) {
      const rule = byId.get(event.ruleId);
      if (rule === undefined || !rule.enabled) {
        this.#outbox.drop(event.ruleId);
      } else if (nowMs - event.time > this.#outbox.maxAgeMs) {
        this.#outbox.drop(event.ruleId);
        this.options.logger.warn({ ruleId: rule.id, eventId: event.id, state: event.state, attempts: event.delivery.attempts }, "alert: giving up delivering a notification older than an hour");
      } else if (!this.#chains.has(rule.id)) {
        this.#enqueue(rule.id, async (signal) => this.#settled(await this.options.notifier.redeliver(rule, event, signal)));
      }
    }
  }

  /** Keeps the outcome when the event is still the rule's latest (a newer one supersedes it). */
  #settled(event: ApiAlertEvent): void {
    if (this.#latest.get(event.ruleId)?.id === event.id) this.#outbox.settled(event);
  }

  /** Runs `task` after the rule's earlier notifications; logs its failure. */
  #enqueue(ruleId: string, task: (signal: AbortSignal) => Promise<void>): void {
    const previous = this.#chains.get(ruleId) ?? Promise.resolve();
    const next = previous
      .then(() => task(this.#abort.signal))
      .catch((error: unknown) => this.options.logger.error({ err: error, ruleId }, "alert: notification failed"))
      .finally(() => {
        if (this.#chains.get(ruleId) === next) this.#chains.delete(ruleId);
      });
    this.#chains.set(ruleId, next);
  }

  /** A new event id and its time: now, or 1 ms after the rule's previous event if the clock went back. */
  #nextEvent(ruleId: string, nowMs: number): { id: string; time: number } {
    const event = { id: this.#newId(), time: Math.max(nowMs, (this.#latest.get(ruleId)?.time ?? -Infinity) + 1) };
    this.#latest.set(ruleId, event);
    return event;
  }

  #disabledEvent(rule: AlertRule): ApiAlertEvent {
    const { id, time } = this.#nextEvent(rule.id, this.options.now());
    const delivery = { ok: false, status: null, error: NOT_SENT_RULE_DISABLED, attempts: 0 };
    return { id, ruleId: rule.id, ruleName: rule.name, state: "resolved", time, service: rule.service, operation: rule.operation, value: null, threshold: thresholdOf(rule.condition), text: disabledText(rule), exemplars: [], delivery };
  }

  /** Drops what is kept for rules no longer stored (deleted here or on another node). */
  #prune(ids: ReadonlySet<string>): void {
    for (const map of [this.#runtime, this.#latest, this.#versions]) for (const id of map.keys()) if (!ids.has(id)) map.delete(id);
    this.#outbox.retain(ids);
  }

  /**
   * Once: each rule's state from its latest event ("firing" → firing, else ok), its time (event
   * times never go back) and, when it awaits delivery and is recent enough, a redelivery. A
   * disabled rule found firing (disabled before this server recorded that) gets its `resolved` event.
   */
  async #load(rules: readonly AlertRule[], nowMs: number, signal?: AbortSignal): Promise<void> {
    if (this.#loaded) return;
    for (const rule of rules) {
      if (this.#latest.has(rule.id)) continue;
      const latest = await this.#readLatest(rule.id, signal);
      if (latest === undefined) continue;
      this.#latest.set(rule.id, { id: latest.id, time: latest.time });
      if (latest.state === "firing" && !rule.enabled) {
        await this.options.notifier.store(this.#disabledEvent(rule));
        continue;
      }
      if (latest.state === "firing") this.#runtime.set(rule.id, { ...INITIAL, state: "firing" });
      if (nowMs - latest.time <= this.#outbox.maxAgeMs && rule.enabled) this.#outbox.put(latest);
    }
    this.#loaded = true;
  }

  async #readLatest(ruleId: string, signal?: AbortSignal): Promise<ApiAlertEvent | undefined> {
    for await (const chunk of this.options.storage.alerts.findEvents({ ruleId, limit: 1 }, signal)) {
      return chunk[0] === undefined ? undefined : decodeEvent(chunk[0]);
    }
    return undefined;
  }

  #reportFiring(): void {
    if (!this.#evaluate) return;
    let firing = 0;
    for (const runtime of this.#runtime.values()) if (runtime.state === "firing") firing++;
    this.options.telemetry?.firing(firing);
  }
}
