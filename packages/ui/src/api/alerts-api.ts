import {
  apiAlertEventsResponseSchema,
  apiAlertRuleSchema,
  apiAlertRulesResponseSchema,
  type ApiAlertEvent,
  type ApiAlertEventsQuery,
  type ApiAlertRule,
  type ApiAlertRuleInput,
  type ApiAlertRuleUpdate,
} from "@skein/model/api";
import { getJson } from "./api-client.js";
import { sendJson } from "./send-json.js";

const rulePath = (id: string) => `/api/v1/alerts/rules/${encodeURIComponent(id)}`;

/**
 * Alert rules CRUD and notification history (`/api/v1/alerts/…`), every answer checked against the
 * shared zod schema. A rule the server refuses is an ApiCallError of kind "http" whose message
 * names the field (shown in the form as is).
 */
export const alertsApi = {
  rules: async (signal?: AbortSignal): Promise<ApiAlertRule[]> => (await getJson("/api/v1/alerts/rules", {}, apiAlertRulesResponseSchema, signal)).rules,

  rule: async (id: string, signal?: AbortSignal): Promise<ApiAlertRule> => getJson(rulePath(id), {}, apiAlertRuleSchema, signal),

  create: async (input: ApiAlertRuleInput, signal?: AbortSignal): Promise<ApiAlertRule> => (await sendJson("POST", "/api/v1/alerts/rules", input, apiAlertRuleSchema, signal))!,

  /** Without `webhookUrl` the server keeps the stored one (it only ever shows it redacted). */
  update: async (id: string, input: ApiAlertRuleUpdate, signal?: AbortSignal): Promise<ApiAlertRule> => (await sendJson("PUT", rulePath(id), input, apiAlertRuleSchema, signal))!,

  remove: async (id: string, signal?: AbortSignal): Promise<void> => {
    await sendJson("DELETE", rulePath(id), undefined, null, signal);
  },

  /** Newest first (the server's order), at most `limit` (default 100). */
  events: async (query: ApiAlertEventsQuery, signal?: AbortSignal): Promise<ApiAlertEvent[]> =>
    (await getJson("/api/v1/alerts/events", query, apiAlertEventsResponseSchema, signal)).events,
};
