import type { ApiAlertRule } from "@skein/model";
import type { AlertRuntime } from "./alert-evaluator.js";
import type { AlertRule } from "./alert-rule.js";

/** A rule and its runtime state as the API shows it (the webhook URL redacted). */
export function apiAlertRuleOf(rule: AlertRule, runtime: AlertRuntime): ApiAlertRule {
  return {
    id: rule.id,
    name: rule.name,
    service: rule.service,
    operation: rule.operation,
    condition: rule.condition,
    window: rule.window,
    minRequests: rule.minRequests,
    webhookUrl: redactWebhookUrl(rule.webhookUrl),
    enabled: rule.enabled,
    createdAt: rule.createdAt,
    updatedAt: rule.updatedAt,
    state: runtime.state,
    lastEvaluatedAt: runtime.lastEvaluatedAt,
    lastValue: runtime.lastValue,
  };
}

/** Characters of the path and query shown at the end of a redacted URL. */
const SHOWN_TAIL = 4;

/**
 * A webhook URL as the API shows it: `scheme://host[:port]/…` and the last 4 characters of the
 * path and query when those are at least 8 long (so at most half shows), e.g.
 * `https://hooks.slack.com/…XXXX`. Webhook URLs carry their secret in the path (Slack's do), so
 * the full URL never leaves the server after it is set.
 */
export function redactWebhookUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "(invalid URL)";
  }
  const rest = `${parsed.pathname}${parsed.search}`.replace(/^\//, "");
  return `${parsed.origin}/…${rest.length >= 2 * SHOWN_TAIL ? rest.slice(-SHOWN_TAIL) : ""}`;
}
