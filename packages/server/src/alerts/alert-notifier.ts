import type { ApiAlertEvent, ApiAlertExemplar, ApiAlertWebhookPayload } from "@skein/model";
import type { Storage } from "@skein/storage";
import { encodeEvent } from "./alert-codec.js";
import { findExemplars } from "./alert-exemplars.js";
import type { AlertMeasurement } from "./alert-measure.js";
import { thresholdOf, type AlertRule } from "./alert-rule.js";
import type { AlertLogger, AlertTelemetry } from "./alert-telemetry.js";
import { alertText } from "./alert-text.js";
import { deliverWebhook, type WebhookDelivery, type WebhookDeliveryOptions } from "./webhook-delivery.js";

export interface AlertNotifierOptions {
  storage: Pick<Storage, "traces" | "logs" | "alerts">;
  /** Base URL of the UI, without a trailing slash, read at each notification. */
  publicUrl: () => string;
  logger: AlertLogger;
  telemetry?: AlertTelemetry;
  delivery?: Omit<WebhookDeliveryOptions, "signal">;
}

/** The delivery recorded while the webhook is being called (replaced by the outcome). */
export const DELIVERY_IN_PROGRESS: WebhookDelivery = { ok: false, status: null, error: "delivery in progress", attempts: 0 };

/**
 * Sends notifications and records them. notify() finds the exemplar traces and their error logs,
 * stores the event (before delivery, so a restart while the webhook is slow still knows the rule's
 * state and that the event awaits delivery), POSTs the payload, then stores the event again with
 * the delivery outcome. redeliver() POSTs a stored event again and stores it (same id) with the
 * attempts added up. Neither rejects: failures are logged and recorded in the event.
 */
export class AlertNotifier {
  constructor(private readonly options: AlertNotifierOptions) {}

  /** Resolves to the event as last stored. `event` gives its id and time (unix ms, never before the rule's previous event). */
  async notify(rule: AlertRule, state: "firing" | "resolved", measurement: AlertMeasurement, event: { id: string; time: number }, signal: AbortSignal): Promise<ApiAlertEvent> {
    const base = this.#base();
    let exemplars: ApiAlertExemplar[] = [];
    try {
      exemplars = await findExemplars(this.options.storage, rule, measurement, (id) => `${base}/trace/${id}`, signal);
    } catch (error) {
      this.options.logger.warn({ err: error, ruleId: rule.id }, "alert: finding exemplar traces failed; notifying without them");
    }
    const threshold = thresholdOf(rule.condition);
    const text = alertText({ rule, state, value: measurement.value, threshold, count: measurement.count, exemplars, ruleUrl: `${base}/alerts` });
    const stored: ApiAlertEvent = {
      id: event.id,
      ruleId: rule.id,
      ruleName: rule.name,
      state,
      time: event.time,
      service: rule.service,
      operation: rule.operation,
      value: measurement.value,
      threshold,
      text,
      exemplars,
      delivery: DELIVERY_IN_PROGRESS,
    };
    await this.store(stored);
    return this.#deliver(rule, stored, 0, signal);
  }

  /** POSTs a stored event again (to the rule's current webhook) and records the outcome under the same id. */
  redeliver(rule: AlertRule, event: ApiAlertEvent, signal: AbortSignal): Promise<ApiAlertEvent> {
    return this.#deliver(rule, event, event.delivery.attempts, signal);
  }

  /** Stores an event (inserting or replacing by id); a storage failure is logged, not thrown. */
  async store(event: ApiAlertEvent): Promise<void> {
    try {
      await this.options.storage.alerts.appendEvent(encodeEvent(event));
    } catch (error) {
      this.options.logger.error({ err: error, ruleId: event.ruleId, eventId: event.id }, "alert: storing the event failed");
    }
  }

  async #deliver(rule: AlertRule, event: ApiAlertEvent, previousAttempts: number, signal: AbortSignal): Promise<ApiAlertEvent> {
    const { delivery: _delivery, ...fields } = event;
    const payload: ApiAlertWebhookPayload = { ...fields, ruleUrl: `${this.#base()}/alerts`, window: rule.window };
    const outcome = await deliverWebhook(rule.webhookUrl, payload, { ...this.options.delivery, signal });
    const delivery = { ...outcome, attempts: previousAttempts + outcome.attempts };
    this.options.telemetry?.notificationFinished(event.state, delivery.ok);
    const fieldsForLog = { ruleId: rule.id, eventId: event.id, state: event.state, status: delivery.status, attempts: delivery.attempts, webhook: originOf(rule.webhookUrl) };
    const what = `alert ${event.state}: ${rule.name.slice(0, 200)}`;
    if (delivery.ok) this.options.logger.info(fieldsForLog, previousAttempts > 0 ? `${what} (delivered on a later attempt)` : what);
    else this.options.logger.warn({ ...fieldsForLog, error: delivery.error }, `${what}; the webhook did not take the notification; later passes retry it for up to an hour`);
    const updated = { ...event, delivery };
    await this.store(updated);
    return updated;
  }

  #base(): string {
    return this.options.publicUrl().replace(/\/+$/, "");
  }
}

/** scheme://host:port of a webhook URL: enough to tell which one without its secret path. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(invalid URL)";
  }
}
