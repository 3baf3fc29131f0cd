import { apiAlertConditionSchema, apiAlertEventSchema, type ApiAlertEvent } from "@skein/model";
import type { StoredAlertEvent, StoredAlertRule } from "@skein/storage";
import { z } from "zod";
import type { AlertRule } from "./alert-rule.js";

/**
 * The JSON bodies of stored rules and events (storage keeps them verbatim). Every body carries
 * `"v": 1`; a later format bumps it and keeps reading version 1. A body this server cannot read
 * (corrupt, or written by a newer server) decodes to undefined and the caller skips it.
 */
export const ALERT_BODY_VERSION = 1;

const storedRuleSchema = z.object({
  v: z.literal(ALERT_BODY_VERSION),
  name: z.string(),
  service: z.string(),
  operation: z.string().nullable(),
  condition: apiAlertConditionSchema,
  window: z.string(),
  windowMs: z.number().int().positive(),
  minRequests: z.number(),
  webhookUrl: z.string(),
  enabled: z.boolean(),
  createdAt: z.number().int(),
});

const storedEventSchema = z.object({ v: z.literal(ALERT_BODY_VERSION), event: apiAlertEventSchema });

export function encodeRule(rule: AlertRule): StoredAlertRule {
  const { id, updatedAt, ...fields } = rule;
  return { id, updatedAtUnixMs: updatedAt, body: JSON.stringify({ v: ALERT_BODY_VERSION, ...fields }) };
}

export function decodeRule(stored: StoredAlertRule): AlertRule | undefined {
  const parsed = storedRuleSchema.safeParse(parseJson(stored.body));
  if (!parsed.success) return undefined;
  const { v: _version, ...fields } = parsed.data;
  return { id: stored.id, updatedAt: stored.updatedAtUnixMs, ...fields };
}

export function encodeEvent(event: ApiAlertEvent): StoredAlertEvent {
  return { id: event.id, ruleId: event.ruleId, timeUnixMs: event.time, body: JSON.stringify({ v: ALERT_BODY_VERSION, event }) };
}

export function decodeEvent(stored: StoredAlertEvent): ApiAlertEvent | undefined {
  const parsed = storedEventSchema.safeParse(parseJson(stored.body));
  return parsed.success ? parsed.data.event : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
