import { randomUUID } from "node:crypto";
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
  newId?: () => string;
}

/** The delivery recorded while the webhook is being called (replaced by the outcome). */
const IN_PROGRESS: WebhookDelivery = { ok: false, status: null, error: "delivery in progress", attempts: 0 };

/**
 * Sends one notification: finds the exemplar traces and their error logs, stores the event
 * (before delivery, so a restart while the webhook is slow still knows the rule's state), POSTs
 * the payload, then stores the event again with the delivery outcome. Never rejects: failures are
 * logged and recorded in the event.
 */
export class AlertNotifier {
  constructor(private readonly options: AlertNotifierOptions) {}

  async notify(rule: AlertRule, state: "firing" | "resolved", measurement: AlertMeasurement, nowMs: number, signal: AbortSignal): Promise<void> {
    const { storage, logger } = this.options;
    const base = this.options.publicUrl().replace(/\/+$/, "");
    const ruleUrl = `${base}/alerts`;
    let exemplars: ApiAlertExemplar[] = [];
    try {
      exemplars = await findExemplars(storage, rule, nowMs, (id) => `${base}/trace/${id}`, signal);
    } catch (error) {
      logger.warn({ err: error, ruleId: rule.id }, "alert: finding exemplar traces failed; notifying without them");
    }
    const threshold = thresholdOf(rule.condition);
    const text = alertText({ rule, state, value: measurement.value, threshold, count: measurement.count, exemplars, ruleUrl });
    const event: ApiAlertEvent = {
      id: (this.options.newId ?? randomUUID)(),
      ruleId: rule.id,
      ruleName: rule.name,
      state,
      time: nowMs,
      service: rule.service,
      operation: rule.operation,
      value: measurement.value,
      threshold,
      text,
      exemplars,
      delivery: IN_PROGRESS,
    };
    await this.#store(event);
    const { delivery: _delivery, ...fields } = event;
    const payload: ApiAlertWebhookPayload = { ...fields, ruleUrl, window: rule.window };
    const delivery = await deliverWebhook(rule.webhookUrl, payload, { ...this.options.delivery, signal });
    this.options.telemetry?.notificationFinished(state, delivery.ok);
    const fieldsForLog = { ruleId: rule.id, state, status: delivery.status, attempts: delivery.attempts, webhook: originOf(rule.webhookUrl) };
    if (delivery.ok) logger.info(fieldsForLog, `alert ${state}: ${rule.name.slice(0, 200)}`);
    else logger.warn({ ...fieldsForLog, error: delivery.error }, `alert ${state}: ${rule.name.slice(0, 200)}; the webhook did not take the notification`);
    await this.#store({ ...event, delivery });
  }

  async #store(event: ApiAlertEvent): Promise<void> {
    try {
      await this.options.storage.alerts.appendEvent(encodeEvent(event));
    } catch (error) {
      this.options.logger.error({ err: error, ruleId: event.ruleId, eventId: event.id }, "alert: storing the event failed");
    }
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
