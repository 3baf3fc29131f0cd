import type { ApiAlertCondition, ApiAlertEvent, ApiAlertRule } from "@skein/model/api";
import { formatDuration } from "../../format/format-duration.js";

/** "error rate > 5%" / "p95 latency > 500ms". */
export function describeCondition(condition: ApiAlertCondition): string {
  return condition.type === "error-rate" ? `error rate > ${condition.thresholdPercent}%` : `p${condition.percentile} latency > ${condition.threshold}`;
}

/** "checkout · all operations" / "checkout · POST /pay". */
export function describeTarget(rule: Pick<ApiAlertRule, "service" | "operation">): string {
  return `${rule.service} · ${rule.operation ?? "all operations"}`;
}

/** What a rule's or event's figures measure: percent (error rate) or ns (latency). */
export type AlertUnit = "percent" | "ns";

export const unitOfCondition = (condition: ApiAlertCondition): AlertUnit => (condition.type === "error-rate" ? "percent" : "ns");

/**
 * The unit of an event's value and threshold: its rule's condition when the rule still exists,
 * else what the notification's text says it measured (a latency rule's text names "latency").
 */
export function unitOfEvent(event: ApiAlertEvent, rule: ApiAlertRule | undefined): AlertUnit {
  if (rule !== undefined) return unitOfCondition(rule.condition);
  return /\bp[0-9.]+ latency\b/.test(event.text) ? "ns" : "percent";
}

/** A measured value or threshold in its unit: `12.5%`, `340 ms`; null is "no data". */
export function formatAlertValue(value: number | null, unit: AlertUnit): string {
  if (value === null) return "no data";
  if (unit === "ns") return formatDuration(value);
  return `${Math.round(value * 100) / 100}%`;
}
