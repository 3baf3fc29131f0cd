import type { ApiAlertEvent } from "@skein/model";
import type { AlertStore } from "@skein/storage";
import { encodeEvent } from "../alert-codec.js";
import type { AlertMeasurement } from "../alert-measure.js";
import type { AlertNotifier } from "../alert-notifier.js";
import { thresholdOf, type AlertRule } from "../alert-rule.js";

/** One call of the notifier: a notification or a redelivery. */
export interface RecordedNotification {
  kind: "notify" | "redeliver";
  ruleId: string;
  eventId: string;
  state: "firing" | "resolved";
  value: number | null;
  time: number;
}

/**
 * A stand-in for AlertNotifier in evaluator tests: stores each event in `store` (as the real one
 * does) with a delivery that succeeds unless `failing` is set, and records every call. `gate`,
 * when set, is awaited before a delivery (a slow webhook).
 */
export class RecordingNotifier implements Pick<AlertNotifier, "notify" | "redeliver" | "store"> {
  readonly calls: RecordedNotification[] = [];
  /** The notifications (not redeliveries), as they were started. */
  readonly sent: Omit<RecordedNotification, "kind" | "eventId">[] = [];
  failing = false;
  gate: Promise<void> | undefined;

  constructor(private readonly events: AlertStore) {}

  async notify(rule: AlertRule, state: "firing" | "resolved", measurement: AlertMeasurement, event: { id: string; time: number }): Promise<ApiAlertEvent> {
    const stored: ApiAlertEvent = {
      id: event.id, ruleId: rule.id, ruleName: rule.name, state, time: event.time, service: rule.service, operation: rule.operation,
      value: measurement.value, threshold: thresholdOf(rule.condition), text: `${state} ${rule.name}`, exemplars: [],
      delivery: { ok: false, status: null, error: "delivery in progress", attempts: 0 },
    };
    this.sent.push({ ruleId: rule.id, state, value: measurement.value, time: event.time });
    await this.store(stored);
    this.calls.push({ kind: "notify", ruleId: rule.id, eventId: event.id, state, value: measurement.value, time: event.time });
    return this.#deliver(stored);
  }

  async redeliver(_rule: AlertRule, event: ApiAlertEvent): Promise<ApiAlertEvent> {
    this.calls.push({ kind: "redeliver", ruleId: event.ruleId, eventId: event.id, state: event.state, value: event.value, time: event.time });
    return this.#deliver(event);
  }

  async store(event: ApiAlertEvent): Promise<void> {
    await this.events.appendEvent(encodeEvent(event));
  }

  async #deliver(event: ApiAlertEvent): Promise<ApiAlertEvent> {
    await this.gate;
    const delivery = this.failing
      ? { ok: false, status: 503, error: "the webhook answered HTTP 503", attempts: event.delivery.attempts + 1 }
      : { ok: true, status: 200, error: null, attempts: event.delivery.attempts + 1 };
    const updated = { ...event, delivery };
    await this.store(updated);
    return updated;
  }
}
