import type { ApiAlertEvent, ApiAlertRule, ApiAlertRuleInput, ApiAlertRuleUpdate } from "@skein/model/api";
import { vi } from "vitest";

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

export function storedRule(fields: Partial<ApiAlertRule> & { id: string; name: string }): ApiAlertRule {
  return {
    service: "checkout", operation: null, condition: { type: "error-rate", thresholdPercent: 5 }, window: "5m", minRequests: 1, webhookUrl: "http://127.0.0.1:9/hook", enabled: true,
    createdAt: 1, updatedAt: 1, state: "ok", lastEvaluatedAt: null, lastValue: null, ...fields,
  };
}

/**
 * A stand-in for the alerts API in jsdom tests: rules kept in memory (POST/PUT/DELETE change them),
 * events as given, services and operations for the form's selects; a PUT without webhookUrl keeps
 * the stored one, as the server does (which also redacts it: tests store what it would show). `refuse` makes the next write
 * answer 400 with that message. Every request is recorded.
 */
export function fakeAlertsServer(initial: { rules?: ApiAlertRule[]; events?: ApiAlertEvent[] } = {}) {
  const state = { rules: [...(initial.rules ?? [])], events: initial.events ?? [], refuse: undefined as string | undefined, nextId: 1 };
  const requests: Array<{ method: string; url: string; body?: unknown }> = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    requests.push({ method, url, body });
    if (url === "/api/v1/services") return json({ services: ["checkout", "payment"] });
    const ops = /^\/api\/v1\/services\/([^/]+)\/operations$/.exec(url);
    if (ops) return json({ operations: decodeURIComponent(ops[1]!) === "checkout" ? [{ name: "POST /pay", kind: "server" }, { name: "GET /cart", kind: "server" }] : [] });
    if (url.startsWith("/api/v1/alerts/events")) {
      const ruleId = new URL(url, "http://x").searchParams.get("ruleId");
      return json({ events: state.events.filter((event) => ruleId === null || event.ruleId === ruleId) });
    }
    if (method !== "GET" && state.refuse !== undefined) {
      const message = state.refuse;
      state.refuse = undefined;
      return json({ error: { code: "SKEIN_ERR_INVALID_ALERT_RULE", message } }, 400);
    }
    if (url === "/api/v1/alerts/rules" && method === "GET") return json({ rules: state.rules });
    if (url === "/api/v1/alerts/rules" && method === "POST") {
      const rule = fromInput(`r${state.nextId++}`, body as ApiAlertRuleInput);
      state.rules.push(rule);
      return json(rule, 201);
    }
    const one = /^\/api\/v1\/alerts\/rules\/([^/]+)$/.exec(url);
    if (one) {
      const id = decodeURIComponent(one[1]!);
      const at = state.rules.findIndex((rule) => rule.id === id);
      if (at < 0) return json({ error: { code: "SKEIN_ERR_ALERT_RULE_NOT_FOUND", message: `no rule ${id}` } }, 404);
      if (method === "PUT") {
        const update = body as ApiAlertRuleUpdate;
        state.rules[at] = fromInput(id, { ...update, webhookUrl: update.webhookUrl ?? state.rules[at]!.webhookUrl });
        return json(state.rules[at]);
      }
      if (method === "DELETE") {
        state.rules.splice(at, 1);
        return new Response(null, { status: 204 });
      }
      return json(state.rules[at]);
    }
    return json({ error: { code: "SKEIN_ERR_ROUTE_NOT_FOUND", message: url } }, 404);
  });
  vi.stubGlobal("fetch", fetchMock);
  return { state, requests, writes: () => requests.filter((r) => r.method !== "GET") };
}

function fromInput(id: string, input: ApiAlertRuleInput): ApiAlertRule {
  return storedRule({ id, ...input, operation: input.operation ?? null, window: input.window ?? "5m", minRequests: input.minRequests ?? 1, enabled: input.enabled ?? true });
}
