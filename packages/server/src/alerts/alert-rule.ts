import { apiAlertRuleInputSchema, apiAlertRuleUpdateSchema, latencyBucketLowerNano, latencyBucketOf, latencyBucketUpperNano, parseApiDuration, type ApiAlertCondition } from "@skein/model";
import type { z } from "zod";
import { InvalidAlertRuleError } from "./alert-errors.js";

/** A rule as the server works with it: the API fields plus the window and threshold as numbers. */
export interface AlertRule {
  /** [A-Za-z0-9_-], at most 64 characters (a UUID). */
  id: string;
  name: string;
  service: string;
  /** null: every operation of the service. */
  operation: string | null;
  condition: ApiAlertCondition;
  /** The window as the client wrote it (`5m`, `1h`). */
  window: string;
  /** The same in ms: a whole number of minutes from 1 to 1440. */
  windowMs: number;
  minRequests: number;
  webhookUrl: string;
  enabled: boolean;
  /** unix ms */
  createdAt: number;
  updatedAt: number;
}

/** The fields a client sets (POST / PUT body), checked and completed with defaults. */
export type AlertRuleFields = Omit<AlertRule, "id" | "createdAt" | "updatedAt">;
/** A PUT body: the same, but without webhookUrl the stored one is kept. */
export type AlertRuleUpdate = Omit<AlertRuleFields, "webhookUrl"> & { webhookUrl?: string };

export const DEFAULT_ALERT_WINDOW = "5m";
export const DEFAULT_MIN_REQUESTS = 1;
const MINUTE_MS = 60_000;
const MAX_WINDOW_MS = 24 * 60 * MINUTE_MS;
/** Latency thresholds stop at 24 h: the latency buckets end at about 19 h. */
const MAX_LATENCY_THRESHOLD_NANO = 24n * 3_600_000_000_000n;

/**
 * Checks a POST/PUT body against apiAlertRuleInputSchema and the rules a schema cannot say (the
 * window is 1m–24h in whole minutes, a latency threshold is above 0 and at most 24h), and fills
 * the defaults (window 5m, minRequests 1, enabled true). Throws InvalidAlertRuleError naming the
 * first field that is wrong.
 */
export function parseAlertRuleFields(body: unknown): AlertRuleFields {
  const fields = parseFields(body, "create");
  return { ...fields, webhookUrl: fields.webhookUrl! };
}

/** The same for a PUT body, where webhookUrl may be left out (keep the stored one). */
export function parseAlertRuleUpdate(body: unknown): AlertRuleUpdate {
  const { webhookUrl, ...fields } = parseFields(body, "update");
  return webhookUrl === undefined ? fields : { ...fields, webhookUrl };
}

function parseFields(body: unknown, mode: "create" | "update"): AlertRuleUpdate {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new InvalidAlertRuleError("the body must be a JSON object with name, service, condition and webhookUrl (Content-Type: application/json)");
  }
  const result = (mode === "create" ? apiAlertRuleInputSchema : apiAlertRuleUpdateSchema).safeParse(body);
  if (!result.success) throw new InvalidAlertRuleError(describeIssue(result.error.issues[0]!));
  const input = result.data;
  const window = input.window ?? DEFAULT_ALERT_WINDOW;
  const windowNano = parseApiDuration(window);
  if (windowNano === undefined || windowNano % 60_000_000_000n !== 0n || windowNano < 60_000_000_000n || windowNano > BigInt(MAX_WINDOW_MS) * 1_000_000n) {
    throw new InvalidAlertRuleError(`window must be a whole number of minutes from 1m to 24h, such as 5m or 1h; got ${JSON.stringify(window)}`);
  }
  if (input.condition.type === "latency") latencyThresholdNano(input.condition.threshold);
  return {
    name: input.name,
    service: input.service,
    operation: input.operation ?? null,
    condition: input.condition,
    window,
    windowMs: Number(windowNano / 1_000_000n),
    minRequests: input.minRequests ?? DEFAULT_MIN_REQUESTS,
    webhookUrl: input.webhookUrl,
    enabled: input.enabled ?? true,
  };
}

/**
 * The threshold a condition is decided against, in the unit of its measured value: percent, or ns
 * for latency — there the effective threshold, the latency bucket bound nearest to the one written
 * (latencyThresholdBound). Notifications report this value.
 */
export function thresholdOf(condition: ApiAlertCondition): number {
  return condition.type === "error-rate" ? condition.thresholdPercent : latencyThresholdBound(condition.threshold).boundNano;
}

/**
 * A latency threshold rounded to the nearest bound of the rollups' latency buckets (bounds are
 * 2^(1/8) ≈ 9 % apart, so within ≈ 4.5 % of the one written; thresholds past the last bound,
 * ≈ 17.5 h, round to it). Rollups only know which bucket a span fell in, so "pN > T" can only be
 * decided exactly at a bound: it holds when the weighted count of requests in buckets from
 * `bucket` up (durations ≥ boundNano) is above (1 − N/100) × all requests.
 */
export function latencyThresholdBound(threshold: string): { bucket: number; boundNano: number } {
  const nanos = Number(latencyThresholdNano(threshold));
  const bucket = latencyBucketOf(nanos);
  const lower = latencyBucketLowerNano(bucket);
  const upper = latencyBucketUpperNano(bucket);
  if (upper === null || nanos - lower <= upper - nanos) return { bucket, boundNano: lower };
  return { bucket: bucket + 1, boundNano: upper };
}

function latencyThresholdNano(text: string): bigint {
  const nanos = parseApiDuration(text);
  if (nanos === undefined || nanos <= 0n || nanos > MAX_LATENCY_THRESHOLD_NANO) {
    throw new InvalidAlertRuleError(`condition.threshold must be a duration above 0 and at most 24h, such as 500ms or 2s; got ${JSON.stringify(text.slice(0, 64))}`);
  }
  return nanos;
}

/** One zod issue as a sentence that names its field. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const where = path === "" ? "" : ` in ${path}`;
    return `unknown field${issue.keys.length > 1 ? "s" : ""}${where} ${issue.keys.map((k) => JSON.stringify(k.slice(0, 64))).join(", ")}; a rule has name, service, operation, condition, window, minRequests, webhookUrl, enabled`;
  }
  if (path === "") return issue.message;
  const last = String(issue.path[issue.path.length - 1]);
  if (issue.message.startsWith(path) || issue.message.startsWith(last)) return issue.message;
  return `${path}: ${issue.message}`;
}
