import { z } from "zod";
import { apiTraceIdSchema } from "./api-plain-json.js";
import { API_DURATION_PATTERN, API_TIME_PATTERN } from "./api-requests.js";

/**
 * Alert rules (`/api/v1/alerts/rules`) and their history (`/api/v1/alerts/events`). A rule watches
 * one service (optionally one operation) over a trailing window of the span-metrics rollups and is
 * evaluated every minute; a change between ok and firing POSTs a notification to its webhook.
 */

const name = (what: string, max: number) => z.string({ error: `${what} must be text` }).trim().min(1, `${what} must not be empty`).max(max, `${what} must be at most ${max} characters`);
const duration = (what: string) =>
  z.string({ error: `${what} must be a duration such as 250ms or 5m` }).max(64).regex(API_DURATION_PATTERN, `${what} must be a duration with a unit, such as 250ms, 1.5s, 5m`);

/** "error rate > X %" over the window (thresholdPercent from 0 up to, not including, 100: a rate above 100 % cannot happen). */
export const apiErrorRateConditionSchema = z.strictObject({
  type: z.literal("error-rate"),
  thresholdPercent: z.number().min(0, "condition.thresholdPercent must be from 0 to below 100").lt(100, "condition.thresholdPercent must be below 100: an error rate cannot exceed 100 %"),
});
/** "pN latency > threshold" over the window (percentile 1–99.9). */
export const apiLatencyConditionSchema = z.strictObject({ type: z.literal("latency"), percentile: z.number().min(1).max(99.9), threshold: duration("condition.threshold") });
export const apiAlertConditionSchema = z.discriminatedUnion("type", [apiErrorRateConditionSchema, apiLatencyConditionSchema], {
  error: 'condition.type must be "error-rate" or "latency"',
});
export type ApiAlertCondition = z.infer<typeof apiAlertConditionSchema>;

/**
 * A webhook URL: http or https, at most 2048 characters, without user:password (a secret belongs
 * in the path or query, where receivers such as Slack put it; credentials in the authority would
 * be sent as Basic auth to whatever the host redirects to and shown in logs).
 */
export const apiWebhookUrlSchema = z
  .url({ protocol: /^https?$/, error: "webhookUrl must be an http or https URL" })
  .max(2048)
  .refine((url) => !hasUserInfo(url), "webhookUrl must not contain a user name or password (user:password@host); put the secret in the path or a query parameter");

function hasUserInfo(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== "" || parsed.password !== "";
  } catch {
    return false;
  }
}

/** Body of POST /alerts/rules (PUT: apiAlertRuleUpdateSchema). */
export const apiAlertRuleInputSchema = z.strictObject({
  name: name("name", 200),
  service: name("service", 1024),
  /** Absent or null: every operation of the service. */
  operation: name("operation", 1024).nullable().optional(),
  condition: apiAlertConditionSchema,
  /** Trailing window, 1m to 24h, whole minutes. Default 5m. */
  window: duration("window").optional(),
  /** At least this many requests in the window before the rule may fire (default 1). */
  minRequests: z.number().min(0).max(1e12).optional(),
  /** http(s) URL that receives the notifications (Slack incoming webhooks work as is). */
  webhookUrl: apiWebhookUrlSchema,
  enabled: z.boolean().optional(),
});
export type ApiAlertRuleInput = z.infer<typeof apiAlertRuleInputSchema>;

/**
 * Body of PUT /alerts/rules/{id}: the same fields, but `webhookUrl` may be left out to keep the
 * stored one (the API only ever shows it redacted).
 */
export const apiAlertRuleUpdateSchema = apiAlertRuleInputSchema.extend({ webhookUrl: apiWebhookUrlSchema.optional() });
export type ApiAlertRuleUpdate = z.infer<typeof apiAlertRuleUpdateSchema>;

export const ALERT_STATES = ["ok", "firing"] as const;
export const apiAlertRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  service: z.string(),
  operation: z.string().nullable(),
  condition: apiAlertConditionSchema,
  window: z.string(),
  minRequests: z.number(),
  /**
   * Redacted: scheme://host[:port]/… and the last 4 characters of the path and query (when they
   * are at least 8 long), e.g. `https://hooks.slack.com/…XXXX`. The full URL is never returned.
   */
  webhookUrl: z.string(),
  enabled: z.boolean(),
  /** unix ms */
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** The state after the last evaluation ("ok" before the first). */
  state: z.enum(ALERT_STATES),
  /** unix ms of the last evaluation, null before the first. */
  lastEvaluatedAt: z.number().int().nullable(),
  /** The measured value at the last evaluation (percent or ns), null before the first or without data. */
  lastValue: z.number().nullable(),
});
export type ApiAlertRule = z.infer<typeof apiAlertRuleSchema>;
export const apiAlertRulesResponseSchema = z.object({ rules: z.array(apiAlertRuleSchema) });
export type ApiAlertRulesResponse = z.infer<typeof apiAlertRulesResponseSchema>;

export const apiAlertEventsQuerySchema = z.strictObject({
  ruleId: z.string().min(1).max(64).optional(),
  start: z.string().max(40).regex(API_TIME_PATTERN, "start must be an RFC 3339 timestamp or unix milliseconds").optional(),
  end: z.string().max(40).regex(API_TIME_PATTERN, "end must be an RFC 3339 timestamp or unix milliseconds").optional(),
  limit: z.string().max(12).regex(/^[0-9]+$/, "limit must be an integer from 1 to 1000").optional(),
});
export type ApiAlertEventsQuery = z.infer<typeof apiAlertEventsQuerySchema>;

/** An error log record quoted in a notification. */
export const apiAlertLogSchema = z.object({ timeUnixNano: z.string(), severityText: z.string(), body: z.string(), spanId: z.string().nullable() });
export const apiAlertExemplarSchema = z.object({
  traceId: apiTraceIdSchema,
  /** Link to the trace in the Skein UI. */
  url: z.string(),
  /** Its error logs (severity ≥ ERROR), newest first, at most 5. */
  errorLogs: z.array(apiAlertLogSchema),
});
export type ApiAlertExemplar = z.infer<typeof apiAlertExemplarSchema>;

/** One notification (firing or resolved) with what was sent and whether the webhook took it. */
export const apiAlertEventSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  state: z.enum(["firing", "resolved"]),
  /** unix ms of the evaluation */
  time: z.number().int(),
  service: z.string(),
  operation: z.string().nullable(),
  /** The measured value (percent for error rate, ns for latency) and the rule's threshold in the same unit. */
  value: z.number().nullable(),
  threshold: z.number(),
  /** The Slack-compatible text sent. */
  text: z.string(),
  /** Up to three exemplar traces. */
  exemplars: z.array(apiAlertExemplarSchema),
  delivery: z.object({ ok: z.boolean(), status: z.number().int().nullable(), error: z.string().nullable(), attempts: z.number().int() }),
});
export type ApiAlertEvent = z.infer<typeof apiAlertEventSchema>;
export const apiAlertEventsResponseSchema = z.object({ events: z.array(apiAlertEventSchema) });
export type ApiAlertEventsResponse = z.infer<typeof apiAlertEventsResponseSchema>;

/**
 * The JSON POSTed to a rule's webhook: Slack's `text` plus the structured fields. `ruleUrl` and the
 * exemplar URLs point at the Skein UI (config publicUrl).
 */
export const apiAlertWebhookPayloadSchema = apiAlertEventSchema.omit({ delivery: true }).extend({ ruleUrl: z.string(), window: z.string() });
export type ApiAlertWebhookPayload = z.infer<typeof apiAlertWebhookPayloadSchema>;
