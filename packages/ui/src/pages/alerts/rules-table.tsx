import type { ApiAlertRule } from "@skein/model/api";
import { useState } from "react";
import { Link } from "react-router";
import { formatAge } from "../../format/format-time.js";
import { describeCondition, describeTarget, formatAlertValue, unitOfCondition } from "./alert-format.js";

/**
 * The rules, one row each: name, target, condition, window, state (firing / ok / disabled) and the
 * last measured value, with Edit, History and Delete. Delete asks inline (no browser dialog) and
 * then calls `onDelete`, whose failure is shown in the row.
 */
export function RulesTable(props: { rules: readonly ApiAlertRule[]; onEdit: (id: string) => void; onDelete: (id: string) => Promise<void> }) {
  return (
    <table className="rules-table panel" data-testid="rules-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Target</th>
          <th scope="col">Condition</th>
          <th scope="col">Window</th>
          <th scope="col">State</th>
          <th scope="col">Last value</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rules.map((rule) => (
          <RuleRow key={rule.id} rule={rule} onEdit={props.onEdit} onDelete={props.onDelete} />
        ))}
      </tbody>
    </table>
  );
}

function RuleRow({ rule, onEdit, onDelete }: { rule: ApiAlertRule; onEdit: (id: string) => void; onDelete: (id: string) => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const state = !rule.enabled ? "disabled" : rule.state;
  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onDelete(rule.id);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  };
  return (
    <tr data-testid="rule-row" data-rule-id={rule.id} data-rule-name={rule.name} data-state={state}>
      <th scope="row" className="rule-name">
        {rule.name}
      </th>
      <td>{describeTarget(rule)}</td>
      <td data-testid="rule-condition">{describeCondition(rule.condition)}</td>
      <td>{rule.window}</td>
      <td>
        <span className={`alert-state is-${state}`} data-testid="rule-state">
          {state}
        </span>
      </td>
      <td data-testid="rule-last-value">
        {rule.lastEvaluatedAt === null ? (
          <span className="muted">not evaluated yet</span>
        ) : (
          <span title={`evaluated ${formatAge(BigInt(rule.lastEvaluatedAt) * 1_000_000n)}`}>{formatAlertValue(rule.lastValue, unitOfCondition(rule.condition))}</span>
        )}
      </td>
      <td className="rule-actions">
        {confirming ? (
          <span className="rule-confirm">
            Delete this rule?{" "}
            <button type="button" className="danger" data-testid="rule-delete-confirm" disabled={busy} onClick={() => void remove()}>
              Delete
            </button>{" "}
            <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
              Keep
            </button>
          </span>
        ) : (
          <>
            <button type="button" data-testid="rule-edit" onClick={() => onEdit(rule.id)}>
              Edit
            </button>{" "}
            <Link to={`/alerts/history?rule=${encodeURIComponent(rule.id)}`} data-testid="rule-history">
              History
            </Link>{" "}
            <button type="button" data-testid="rule-delete" onClick={() => setConfirming(true)}>
              Delete
            </button>
          </>
        )}
        {error !== undefined && (
          <div className="error-text" role="alert" data-testid="rule-delete-error">
            {error}
          </div>
        )}
      </td>
    </tr>
  );
}
