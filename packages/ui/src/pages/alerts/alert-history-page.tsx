import type { ApiAlertEvent, ApiAlertRule } from "@skein/model/api";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { alertsApi } from "../../api/alerts-api.js";
import { useApi } from "../../api/use-api.js";
import { ApiErrorState } from "../../components/api-error-state.js";
import { EmptyState } from "../../components/empty-state.js";
import { AlertEventCard } from "./alert-event-card.js";
import "./alerts-page.css";

/** Events asked for at once (the API's limit is 1000). */
const EVENTS_LIMIT = 200;

interface HistoryAnswer {
  events: ApiAlertEvent[];
  rules: ApiAlertRule[];
}

/**
 * `/alerts/history[?rule={id}]`: the notifications sent, newest first, optionally of one rule
 * (the filter lists the current rules; events of deleted rules keep their rule's name).
 */
export function AlertHistoryPage() {
  const [params, setParams] = useSearchParams();
  const ruleId = params.get("rule") ?? "";
  const [attempt, setAttempt] = useState(0);
  const state = useApi<HistoryAnswer>(
    async (signal) => {
      const [events, rules] = await Promise.all([alertsApi.events({ ruleId: ruleId === "" ? undefined : ruleId, limit: String(EVENTS_LIMIT) }, signal), alertsApi.rules(signal)]);
      return { events: [...events].sort((a, b) => b.time - a.time), rules };
    },
    [ruleId, attempt],
  );
  const choose = (id: string) => {
    const next = new URLSearchParams(params);
    if (id === "") next.delete("rule");
    else next.set("rule", id);
    setParams(next);
  };
  const rules = state.status === "ok" ? state.data.rules : [];
  return (
    <div className="alerts-page">
      <div className="alerts-toolbar">
        <h1>Alert history</h1>
        <Link to="/alerts">Rules</Link>
        <span className="alerts-toolbar-end">
          <label className="alerts-filter">
            Rule{" "}
            <select value={ruleId} onChange={(event) => choose(event.target.value)} data-testid="history-rule-filter">
              <option value="">All rules</option>
              {rules.map((rule) => (
                <option key={rule.id} value={rule.id}>
                  {rule.name}
                </option>
              ))}
              {ruleId !== "" && !rules.some((rule) => rule.id === ruleId) && <option value={ruleId}>{ruleId} (deleted)</option>}
            </select>
          </label>
          <button type="button" onClick={() => setAttempt((n) => n + 1)} data-testid="history-refresh">
            Refresh
          </button>
        </span>
      </div>
      {state.status === "loading" && (
        <p className="muted alerts-loading" role="status">
          Loading alert history…
        </p>
      )}
      {state.status === "error" && <ApiErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {state.status === "ok" &&
        (state.data.events.length === 0 ? (
          <EmptyState title="No notifications yet" testId="history-empty">
            <p>A notification is recorded each time a rule starts firing or resolves.</p>
          </EmptyState>
        ) : (
          <div className="alert-events" data-testid="alert-events">
            {state.data.events.map((event) => (
              <AlertEventCard key={event.id} event={event} rule={state.data.rules.find((rule) => rule.id === event.ruleId)} />
            ))}
          </div>
        ))}
    </div>
  );
}
