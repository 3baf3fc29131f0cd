import type { ApiAlertRule } from "@skein/model";
import type { AlertRuntime } from "./alert-evaluator.js";
import type { AlertRule } from "./alert-rule.js";

/** A rule and its runtime state as the API shows it. */
export function apiAlertRuleOf(rule: AlertRule, runtime: AlertRuntime): ApiAlertRule {
  return {
    id: rule.id,
    name: rule.name,
    service: rule.service,
    operation: rule.operation,
    condition: rule.condition,
    window: rule.window,
    minRequests: rule.minRequests,
    webhookUrl: rule.webhookUrl,
    enabled: rule.enabled,
    createdAt: rule.createdAt,
    updatedAt: rule.updatedAt,
    state: runtime.state,
    lastEvaluatedAt: runtime.lastEvaluatedAt,
    lastValue: runtime.lastValue,
  };
}
