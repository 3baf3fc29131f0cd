import { SkeinError, apiAlertEventsQuerySchema, type ApiAlertEvent, type ApiAlertEventsResponse, type ApiAlertRule, type ApiAlertRulesResponse } from "@skein/model";
import type { AlertStore } from "@skein/storage";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requestAbortSignal } from "../http/request-abort-signal.js";
import { InvalidParameterError, UnsupportedMediaTypeError } from "../query/errors.js";
import { parseLimitParam } from "../query/limit-param.js";
import { apiNoQuerySchema } from "../query/http/no-query-schema.js";
import { sendError } from "../query/http/query-error-handler.js";
import { parseQueryParams } from "../query/http/query-params.js";
import { parseTimeParam } from "../query/time-param.js";
import { apiAlertRuleOf } from "./alert-api-json.js";
import { decodeEvent } from "./alert-codec.js";
import { ALERT_HTTP_STATUS_BY_CODE } from "./alert-errors.js";
import type { AlertEvaluator } from "./alert-evaluator.js";
import { parseAlertRuleFields, parseAlertRuleUpdate, type AlertRule } from "./alert-rule.js";
import type { AlertRules } from "./alert-rules.js";

export interface AlertRoutesDeps {
  rules: AlertRules;
  evaluator: Pick<AlertEvaluator, "runtimeOf" | "runtimesOf" | "forget" | "ruleReplaced">;
  store: Pick<AlertStore, "findEvents">;
  /** Names the storage in the fixed message of a storage failure. */
  storageKind?: string;
}

/** Largest rule body accepted, in bytes (a rule is well under 8 KiB). */
export const MAX_ALERT_RULE_BODY_BYTES = 64 * 1024;
export const ALERT_EVENTS_LIMIT = { default: 100, max: 1000 } as const;
const RULE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const NS_PER_MS = 1_000_000n;

/**
 * The alerts API on the `/api/v1` plugin: rules CRUD under `/alerts/rules` and the notification
 * history at `/alerts/events`. Registered in its own encapsulated scope whose error handler
 * answers the alert codes (alert-errors.ts) and hands everything else to the query API's handler.
 * Rule bodies must be sent as `application/json` (415 otherwise); a DELETE may carry that content
 * type without a body. Rules are shown with their webhook URL redacted (alert-api-json.ts); a PUT
 * without webhookUrl keeps the stored one.
 */
export function registerAlertRoutes(api: FastifyInstance, deps: AlertRoutesDeps): void {
  void api.register(async (scope) => {
    scope.setErrorHandler((error, request, reply) => sendAlertError(error, request, reply, deps.storageKind));
    // A bodiless DELETE sent with Content-Type: application/json (as many clients do) has nothing to parse.
    scope.addHook("onRequest", async (request) => {
      const { headers } = request;
      if (request.method === "DELETE" && (headers["content-length"] === undefined || headers["content-length"] === "0") && headers["transfer-encoding"] === undefined) {
        delete headers["content-type"];
      }
    });
    const rulesJson = async (rules: AlertRule[], signal?: AbortSignal): Promise<ApiAlertRule[]> => {
      const runtimes = await deps.evaluator.runtimesOf(rules, signal);
      return rules.map((rule, i) => apiAlertRuleOf(rule, runtimes[i]!));
    };
    const ruleJson = async (rule: AlertRule, signal?: AbortSignal): Promise<ApiAlertRule> => (await rulesJson([rule], signal))[0]!;
    const bodyOptions = { bodyLimit: MAX_ALERT_RULE_BODY_BYTES };

    scope.get("/alerts/rules", async (request, reply): Promise<ApiAlertRulesResponse> => {
      parseQueryParams(apiNoQuerySchema, request.query);
      const signal = requestAbortSignal(reply);
      return { rules: await rulesJson(await deps.rules.list(signal), signal) };
    });
    scope.post("/alerts/rules", bodyOptions, async (request, reply) => {
      parseQueryParams(apiNoQuerySchema, request.query);
      requireJson(request);
      const rule = await deps.rules.create(parseAlertRuleFields(request.body));
      return reply.code(201).send(await ruleJson(rule));
    });
    scope.get<{ Params: { id: string } }>("/alerts/rules/:id", async (request, reply): Promise<ApiAlertRule> => {
      parseQueryParams(apiNoQuerySchema, request.query);
      const signal = requestAbortSignal(reply);
      return ruleJson(await deps.rules.get(request.params.id, signal), signal);
    });
    scope.put<{ Params: { id: string } }>("/alerts/rules/:id", bodyOptions, async (request): Promise<ApiAlertRule> => {
      parseQueryParams(apiNoQuerySchema, request.query);
      requireJson(request);
      const { previous, rule } = await deps.rules.replace(request.params.id, parseAlertRuleUpdate(request.body));
      await deps.evaluator.ruleReplaced(previous, rule);
      return ruleJson(rule);
    });
    scope.delete<{ Params: { id: string } }>("/alerts/rules/:id", bodyOptions, async (request, reply) => {
      parseQueryParams(apiNoQuerySchema, request.query);
      await deps.rules.delete(request.params.id);
      deps.evaluator.forget(request.params.id);
      return reply.code(204).send();
    });
    scope.get("/alerts/events", async (request, reply): Promise<ApiAlertEventsResponse> => {
      const params = parseQueryParams(apiAlertEventsQuerySchema, request.query);
      if (params.ruleId !== undefined && !RULE_ID.test(params.ruleId)) throw new InvalidParameterError("ruleId must be a rule id: letters, digits, - and _");
      const startUnixMs = params.start === undefined ? undefined : Number(parseTimeParam("start", params.start) / NS_PER_MS);
      const endUnixMs = params.end === undefined ? undefined : Number(parseTimeParam("end", params.end) / NS_PER_MS);
      if (startUnixMs !== undefined && endUnixMs !== undefined && startUnixMs > endUnixMs) throw new InvalidParameterError("start must not be after end");
      const limit = parseLimitParam(params.limit, ALERT_EVENTS_LIMIT);
      const events: ApiAlertEvent[] = [];
      const query = { ruleId: params.ruleId, startUnixMs, endUnixMs, limit };
      for await (const chunk of deps.store.findEvents(query, requestAbortSignal(reply))) {
        for (const stored of chunk) {
          const event = decodeEvent(stored);
          if (event !== undefined && events.length < limit) events.push(event);
        }
      }
      return { events };
    });
  });
}

/** A rule body sent as anything but JSON (text/plain is the one other type Fastify parses) is a 415. */
function requireJson(request: FastifyRequest): void {
  const type = request.headers["content-type"];
  if (type === undefined) return; // no body: the rule check says what is missing
  if (type.split(";")[0]!.trim().toLowerCase() !== "application/json") throw new UnsupportedMediaTypeError("send the rule as JSON with Content-Type: application/json");
}

/** Alert codes with their statuses; a 415 with a message for these routes; the rest as the query API does. */
function sendAlertError(error: unknown, request: FastifyRequest, reply: FastifyReply, storageKind?: string): FastifyReply {
  if (error instanceof SkeinError && ALERT_HTTP_STATUS_BY_CODE[error.code] !== undefined) {
    return reply.code(ALERT_HTTP_STATUS_BY_CODE[error.code]!).type("application/json; charset=utf-8").send({ error: { code: error.code, message: error.message } });
  }
  if ((error as { statusCode?: unknown } | null)?.statusCode === 415) {
    return sendError(new UnsupportedMediaTypeError("send the rule as JSON with Content-Type: application/json"), request, reply, storageKind);
  }
  return sendError(error, request, reply, storageKind);
}
