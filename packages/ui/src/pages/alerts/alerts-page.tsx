import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { alertsApi } from "../../api/alerts-api.js";
import { useApi } from "../../api/use-api.js";
import { ApiErrorState } from "../../components/api-error-state.js";
import { EmptyState } from "../../components/empty-state.js";
import { RuleForm } from "./rule-form.js";
import { emptyRuleForm, ruleFormOf } from "./rule-form-values.js";
import { RulesTable } from "./rules-table.js";
import "./alerts-page.css";

/**
 * `/alerts`: the alert rules with their state, and the form to create (`?edit=new`) or edit
 * (`?edit={id}`) one. Saving or deleting reloads the list from the server, so what is shown is
 * what is stored. Rules fire "error rate > X %" or "pN latency > Y" over a window, evaluated every
 * minute by the server, notifying a webhook.
 */
export function AlertsPage() {
  const [params, setParams] = useSearchParams();
  const [attempt, setAttempt] = useState(0);
  const state = useApi((signal) => alertsApi.rules(signal), [attempt]);
  const editing = params.get("edit");
  const reload = () => setAttempt((n) => n + 1);
  const edit = (value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete("edit");
    else next.set("edit", value);
    setParams(next);
  };
  const rules = state.status === "ok" ? state.data : undefined;
  const editedRule = editing !== null && editing !== "new" ? rules?.find((rule) => rule.id === editing) : undefined;

  return (
    <div className="alerts-page">
      <div className="alerts-toolbar">
        <h1>Alerts</h1>
        <Link to="/alerts/history" data-testid="alerts-history-link">
          History
        </Link>
        <span className="alerts-toolbar-end">
          <button type="button" onClick={reload} data-testid="alerts-refresh">
            Refresh
          </button>
          <button type="button" className="primary" onClick={() => edit("new")} data-testid="rule-new" disabled={editing === "new"}>
            New rule
          </button>
        </span>
      </div>
      {editing === "new" && (
        <RuleForm
          key="new"
          initial={emptyRuleForm()}
          onSaved={() => {
            edit(null);
            reload();
          }}
          onCancel={() => edit(null)}
        />
      )}
      {editedRule !== undefined && (
        <RuleForm
          key={editedRule.id}
          ruleId={editedRule.id}
          initial={ruleFormOf(editedRule)}
          onSaved={() => {
            edit(null);
            reload();
          }}
          onCancel={() => edit(null)}
        />
      )}
      {editing !== null && editing !== "new" && rules !== undefined && editedRule === undefined && (
        <p className="error-text" role="alert" data-testid="rule-not-found">
          There is no rule {editing} (it may have been deleted). <button type="button" onClick={() => edit(null)}>Close</button>
        </p>
      )}
      {state.status === "loading" && (
        <p className="muted alerts-loading" role="status">
          Loading alert rules…
        </p>
      )}
      {state.status === "error" && <ApiErrorState error={state.error} onRetry={reload} />}
      {rules !== undefined &&
        (rules.length === 0 ? (
          <EmptyState title="No alert rules yet" testId="alerts-empty">
            <p>A rule watches a service's error rate or latency percentile over a window and notifies a webhook (Slack incoming webhooks work as they are) when it fires and when it resolves.</p>
          </EmptyState>
        ) : (
          <RulesTable
            rules={rules}
            onEdit={(id) => edit(id)}
            onDelete={async (id) => {
              await alertsApi.remove(id);
              if (editing === id) edit(null);
              reload();
            }}
          />
        ))}
    </div>
  );
}
