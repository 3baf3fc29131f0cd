import { apiAlertRuleInputSchema, apiAlertRuleUpdateSchema, parseApiDuration, type ApiAlertRule, type ApiAlertRuleUpdate } from "@skein/model/api";

/** The rule form's fields as typed (strings, so a half-typed value is kept and explained). */
export interface RuleFormValues {
  name: string;
  service: string;
  /** "" = every operation of the service. */
  operation: string;
  conditionType: "error-rate" | "latency";
  thresholdPercent: string;
  percentile: string;
  /** A duration with a unit, e.g. "500ms". */
  latencyThreshold: string;
  window: string;
  minRequests: string;
  /** A new webhook URL; "" when editing keeps the stored one. */
  webhookUrl: string;
  /** Editing: the stored webhook as the API shows it (redacted); null when creating. */
  storedWebhookUrl: string | null;
  enabled: boolean;
}

export type RuleFormField = Exclude<keyof RuleFormValues, "enabled" | "conditionType" | "storedWebhookUrl">;
export type RuleFormErrors = Partial<Record<RuleFormField, string>>;

export function emptyRuleForm(service = ""): RuleFormValues {
  return { name: "", service, operation: "", conditionType: "error-rate", thresholdPercent: "5", percentile: "95", latencyThreshold: "500ms", window: "5m", minRequests: "1", webhookUrl: "", storedWebhookUrl: null, enabled: true };
}

/** The form prefilled from a stored rule (edit); the webhook field starts empty (keep the stored one). */
export function ruleFormOf(rule: ApiAlertRule): RuleFormValues {
  const base = emptyRuleForm();
  const condition = rule.condition;
  return {
    ...base,
    name: rule.name,
    service: rule.service,
    operation: rule.operation ?? "",
    conditionType: condition.type,
    thresholdPercent: condition.type === "error-rate" ? String(condition.thresholdPercent) : base.thresholdPercent,
    percentile: condition.type === "latency" ? String(condition.percentile) : base.percentile,
    latencyThreshold: condition.type === "latency" ? condition.threshold : base.latencyThreshold,
    window: rule.window,
    minRequests: String(rule.minRequests),
    webhookUrl: "",
    storedWebhookUrl: rule.webhookUrl,
    enabled: rule.enabled,
  };
}

const MINUTE_NS = 60_000_000_000n;
const DAY_NS = 24n * 60n * MINUTE_NS;

/**
 * Checks the form and builds the API body. Each field gets a message in words a person acts on;
 * the result is then checked against the API's own schema (apiAlertRuleInputSchema, or
 * apiAlertRuleUpdateSchema when editing), so what passes here is what the server accepts (it may
 * still refuse, e.g. a rule it cannot store). Editing with the webhook field left empty leaves
 * `webhookUrl` out of the body: the server keeps the stored URL. Creating requires one.
 */
export function validateRuleForm(values: RuleFormValues): { input: ApiAlertRuleUpdate; errors?: undefined } | { input?: undefined; errors: RuleFormErrors } {
  const errors: RuleFormErrors = {};
  const name = values.name.trim();
  if (name === "") errors.name = "Give the rule a name";
  if (values.service === "") errors.service = "Choose a service";
  const number = (text: string) => (/^\s*-?[0-9]+(\.[0-9]+)?\s*$/.test(text) ? Number(text) : NaN);
  const percent = number(values.thresholdPercent);
  const percentile = number(values.percentile);
  if (values.conditionType === "error-rate") {
    if (!(percent >= 0 && percent < 100)) errors.thresholdPercent = "The error rate threshold is a percentage from 0 to below 100";
  } else {
    if (!(percentile >= 1 && percentile <= 99.9)) errors.percentile = "The percentile is a number from 1 to 99.9 (e.g. 95, 99)";
    const threshold = parseApiDuration(values.latencyThreshold.trim());
    if (threshold === undefined || threshold <= 0n) errors.latencyThreshold = "The latency threshold is a duration with a unit, such as 250ms or 1.5s";
  }
  const window = parseApiDuration(values.window.trim());
  if (window === undefined || window < MINUTE_NS || window > DAY_NS || window % MINUTE_NS !== 0n) errors.window = "The window is whole minutes from 1m to 24h, such as 5m or 1h";
  const minRequests = number(values.minRequests);
  if (!(minRequests >= 0 && minRequests <= 1e12)) errors.minRequests = "The minimum is a number of requests, 0 or more";
  const webhookUrl = values.webhookUrl.trim();
  const keepStored = webhookUrl === "" && values.storedWebhookUrl !== null;
  if (!keepStored && !/^https?:\/\/[^\s]+$/i.test(webhookUrl)) errors.webhookUrl = "The webhook is an http:// or https:// URL";
  if (Object.keys(errors).length > 0) return { errors };

  const candidate: ApiAlertRuleUpdate = {
    name,
    service: values.service,
    operation: values.operation === "" ? null : values.operation,
    condition: values.conditionType === "error-rate" ? { type: "error-rate", thresholdPercent: percent } : { type: "latency", percentile, threshold: values.latencyThreshold.trim() },
    window: values.window.trim(),
    minRequests,
    ...(keepStored ? {} : { webhookUrl }),
    enabled: values.enabled,
  };
  const parsed = (values.storedWebhookUrl === null ? apiAlertRuleInputSchema : apiAlertRuleUpdateSchema).safeParse(candidate);
  if (parsed.success) return { input: parsed.data };
  for (const issue of parsed.error.issues) {
    const field = fieldOfPath(issue.path);
    errors[field] ??= issue.message;
  }
  return { errors };
}

/** The form field an API schema issue belongs to. */
function fieldOfPath(path: readonly PropertyKey[]): RuleFormField {
  const [head, sub] = path;
  if (head === "condition") return sub === "percentile" ? "percentile" : sub === "threshold" ? "latencyThreshold" : "thresholdPercent";
  const fields: readonly RuleFormField[] = ["name", "service", "operation", "window", "minRequests", "webhookUrl"];
  return fields.find((field) => field === head) ?? "name";
}
