import type { ApiAlertExemplar } from "@skein/model";
import type { AlertRule } from "./alert-rule.js";

/** What a notification's text says. */
export interface AlertTextInput {
  rule: Pick<AlertRule, "name" | "service" | "operation" | "condition" | "window">;
  state: "firing" | "resolved";
  /** Percent or ns; null without data. */
  value: number | null;
  /** Same unit as value. */
  threshold: number;
  /** Weighted requests in the window. */
  count: number;
  exemplars: ApiAlertExemplar[];
  ruleUrl: string;
}

/** Longest log line quoted in the text, in characters. */
const QUOTED_LOG_CHARS = 200;

/**
 * The Slack-compatible `text` of a notification (mrkdwn): one message with the rule, what it
 * watches, the value against the threshold over the window, a line per exemplar trace linking it
 * as `<url|id>` with its newest error log, and a link to the rules. Every user-supplied string is
 * escaped (`&`, `<`, `>`), so a name cannot inject links or mentions.
 */
export function alertText(input: AlertTextInput): string {
  const { rule, state } = input;
  const head = state === "firing" ? `:rotating_light: *FIRING*: ${escapeSlack(rule.name)}` : `:white_check_mark: *RESOLVED*: ${escapeSlack(rule.name)}`;
  const target = `${escapeSlack(rule.service)} · ${rule.operation === null ? "all operations" : escapeSlack(rule.operation)}`;
  const comparison = state === "firing" ? ">" : "≤";
  const measured =
    input.value === null
      ? `${describeCondition(rule)}: no data`
      : `${describeCondition(rule)} ${formatValue(rule, input.value)} ${comparison} ${formatValue(rule, input.threshold)}`;
  const lines = [head, `${target}: ${measured} over the last ${escapeSlack(rule.window)} (${formatCount(input.count)} requests)`];
  if (input.exemplars.length === 0) lines.push("No exemplar traces stored for this window.");
  else lines.push("Exemplar traces:", ...input.exemplars.map(exemplarLine));
  lines.push(`<${input.ruleUrl}|Alert rules in Skein>`);
  return lines.join("\n");
}

/** The text of the `resolved` event recorded, not sent, when a firing rule is disabled. */
export function disabledText(rule: Pick<AlertRule, "name" | "service" | "operation">): string {
  const target = `${escapeSlack(rule.service)} · ${rule.operation === null ? "all operations" : escapeSlack(rule.operation)}`;
  return `:white_check_mark: *RESOLVED*: ${escapeSlack(rule.name)}\n${target}: the rule was disabled while firing (no notification sent)`;
}

function exemplarLine(exemplar: ApiAlertExemplar): string {
  const link = `• <${exemplar.url}|${exemplar.traceId.slice(0, 16)}>`;
  const log = exemplar.errorLogs[0];
  return log === undefined ? link : `${link} ${escapeSlack(log.severityText)}: ${escapeSlack(truncate(oneLine(log.body), QUOTED_LOG_CHARS))}`;
}

function describeCondition(rule: AlertTextInput["rule"]): string {
  return rule.condition.type === "error-rate" ? "error rate" : `p${formatNumber(rule.condition.percentile)} latency`;
}

function formatValue(rule: AlertTextInput["rule"], value: number): string {
  return rule.condition.type === "error-rate" ? `${formatNumber(value)}%` : formatNanos(value);
}

/** Slack mrkdwn escaping of `&`, `<`, `>` (https://api.slack.com/reference/surfaces/formatting#escaping). */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** At most 2 decimals, no trailing zeros: 12.5, 0.33, 100. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A duration in ns with a unit and 3 significant digits at most: 850ns, 12.3µs, 250ms, 1.5s, 2.5m. */
export function formatNanos(nanos: number): string {
  const units: [number, string][] = [
    [60e9, "m"],
    [1e9, "s"],
    [1e6, "ms"],
    [1e3, "µs"],
  ];
  for (const [size, unit] of units) if (nanos >= size) return `${Number((nanos / size).toPrecision(3))}${unit}`;
  return `${Math.round(nanos)}ns`;
}

function formatCount(count: number): string {
  return Number.isInteger(count) ? String(count) : formatNumber(count);
}

/** At most `max` code points, with an ellipsis when cut (never splits a surrogate pair). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join("")}…`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
