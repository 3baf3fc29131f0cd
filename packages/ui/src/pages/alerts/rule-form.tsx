import type { ApiAlertRule } from "@skein/model/api";
import { useState, type FormEvent, type ReactNode } from "react";
import { alertsApi } from "../../api/alerts-api.js";
import { api } from "../../api/api-client.js";
import { ApiCallError } from "../../api/api-error.js";
import { useServices } from "../../api/services-context.js";
import { useApi } from "../../api/use-api.js";
import { validateRuleForm, type RuleFormErrors, type RuleFormField, type RuleFormValues } from "./rule-form-values.js";

const WINDOWS = ["1m", "5m", "10m", "15m", "30m", "1h", "6h", "24h"];

/**
 * Creates (`ruleId` undefined) or edits a rule. Service from the known services, operation from
 * that service's operations (or all of them). Checked here first (validateRuleForm: each wrong
 * field marked and explained), then by the server, whose refusal is shown above the buttons.
 */
export function RuleForm(props: { initial: RuleFormValues; ruleId?: string; onSaved: (rule: ApiAlertRule) => void; onCancel: () => void }) {
  const [values, setValues] = useState(props.initial);
  const [errors, setErrors] = useState<RuleFormErrors>({});
  const [serverError, setServerError] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const services = useServices().state;
  const operations = useApi(async (signal) => (values.service === "" ? [] : api.operations(values.service, signal)), [values.service]);
  const serviceNames = services.status === "ok" ? services.data : [];
  const operationNames = operations.status === "ok" ? [...new Set(operations.data.map((op) => op.name))] : [];

  const set = <K extends keyof RuleFormValues>(key: K, value: RuleFormValues[K]) => {
    setValues((previous) => ({ ...previous, [key]: value, ...(key === "service" ? { operation: "" } : {}) }));
    if (key in errors) setErrors((previous) => ({ ...previous, [key]: undefined }));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validateRuleForm(values);
    setServerError(undefined);
    if (checked.errors !== undefined) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const { webhookUrl, ...fields } = checked.input;
      // Creating, validateRuleForm always sets webhookUrl (the form has no stored one to keep).
      const rule = props.ruleId === undefined ? await alertsApi.create({ ...fields, webhookUrl: webhookUrl ?? "" }) : await alertsApi.update(props.ruleId, checked.input);
      props.onSaved(rule);
    } catch (error) {
      setServerError(error instanceof ApiCallError && error.code !== undefined ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };
  const field = (name: RuleFormField, label: string, control: ReactNode, hint?: string) => (
    <div className={`rule-field rule-field-${name}`}>
      <label htmlFor={`rule-${name}`}>{label}</label>
      {control}
      {errors[name] !== undefined ? (
        <span id={`rule-${name}-error`} className="error-text rule-field-error" data-testid={`rule-error-${name}`}>
          {errors[name]}
        </span>
      ) : (
        hint !== undefined && <span className="muted rule-field-hint">{hint}</span>
      )}
    </div>
  );
  const aria = (name: RuleFormField) => ({ id: `rule-${name}`, "data-testid": `rule-${name}`, "aria-invalid": errors[name] !== undefined, "aria-describedby": errors[name] !== undefined ? `rule-${name}-error` : undefined });

  return (
    <form className="rule-form panel" data-testid="rule-form" onSubmit={(event) => void submit(event)} noValidate aria-label={props.ruleId === undefined ? "New alert rule" : "Edit alert rule"}>
      <h2>{props.ruleId === undefined ? "New alert rule" : `Edit “${props.initial.name}”`}</h2>
      <div className="rule-form-grid">
        {field("name", "Name", <input {...aria("name")} value={values.name} onChange={(e) => set("name", e.target.value)} placeholder="checkout error rate" />)}
        {field(
          "service",
          "Service",
          <select {...aria("service")} value={values.service} onChange={(e) => set("service", e.target.value)}>
            <option value="">Choose a service…</option>
            {[...new Set([...serviceNames, ...(values.service === "" ? [] : [values.service])])].map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>,
        )}
        {field(
          "operation",
          "Operation",
          <select {...aria("operation")} value={values.operation} onChange={(e) => set("operation", e.target.value)} disabled={values.service === ""}>
            <option value="">All operations</option>
            {[...new Set([...operationNames, ...(values.operation === "" ? [] : [values.operation])])].map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>,
        )}
        <fieldset className="rule-condition">
          <legend>Fire when</legend>
          <label className="rule-radio">
            <input type="radio" name="condition" data-testid="rule-type-error-rate" checked={values.conditionType === "error-rate"} onChange={() => set("conditionType", "error-rate")} />
            error rate &gt;
          </label>
          {values.conditionType === "error-rate" &&
            field("thresholdPercent", "Threshold (%)", <input {...aria("thresholdPercent")} inputMode="decimal" value={values.thresholdPercent} onChange={(e) => set("thresholdPercent", e.target.value)} />)}
          <label className="rule-radio">
            <input type="radio" name="condition" data-testid="rule-type-latency" checked={values.conditionType === "latency"} onChange={() => set("conditionType", "latency")} />
            latency percentile &gt;
          </label>
          {values.conditionType === "latency" && (
            <>
              {field("percentile", "Percentile (p)", <input {...aria("percentile")} inputMode="decimal" value={values.percentile} onChange={(e) => set("percentile", e.target.value)} />)}
              {field("latencyThreshold", "Threshold", <input {...aria("latencyThreshold")} value={values.latencyThreshold} onChange={(e) => set("latencyThreshold", e.target.value)} />, "e.g. 250ms, 1.5s")}
            </>
          )}
        </fieldset>
        {field(
          "window",
          "Window",
          <>
            <input {...aria("window")} list="rule-windows" value={values.window} onChange={(e) => set("window", e.target.value)} />
            <datalist id="rule-windows">
              {WINDOWS.map((w) => (
                <option key={w} value={w} />
              ))}
            </datalist>
          </>,
          "whole minutes, 1m to 24h",
        )}
        {field("minRequests", "Min requests", <input {...aria("minRequests")} inputMode="numeric" value={values.minRequests} onChange={(e) => set("minRequests", e.target.value)} />, "in the window before it may fire")}
        {field(
          "webhookUrl",
          "Webhook URL",
          <input
            {...aria("webhookUrl")}
            className="rule-webhook"
            value={values.webhookUrl}
            onChange={(e) => set("webhookUrl", e.target.value)}
            placeholder={values.storedWebhookUrl ?? "https://hooks.slack.com/services/…"}
          />,
          values.storedWebhookUrl === null ? undefined : "leave empty to keep the stored webhook (shown shortened: its secret is never sent back)",
        )}
        <label className="rule-enabled">
          <input type="checkbox" data-testid="rule-enabled" checked={values.enabled} onChange={(e) => set("enabled", e.target.checked)} /> Enabled
        </label>
      </div>
      {serverError !== undefined && (
        <p className="error-text rule-server-error" role="alert" data-testid="rule-server-error">
          The server refused the rule: {serverError}
        </p>
      )}
      <div className="rule-form-buttons">
        <button type="submit" className="primary" data-testid="rule-save" disabled={saving}>
          {saving ? "Saving…" : props.ruleId === undefined ? "Create rule" : "Save changes"}
        </button>
        <button type="button" onClick={props.onCancel} data-testid="rule-cancel">
          Cancel
        </button>
      </div>
    </form>
  );
}
