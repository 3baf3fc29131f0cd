import { useState, type FormEvent } from "react";
import { TimeRangePicker } from "../../components/time-range-picker.js";
import { LOGS_LIMITS, MIN_SEVERITIES, rangeProblem, traceIdProblem, type LogsLimit, type LogsQueryState, type MinSeverity } from "./logs-query.js";

/**
 * The filter bar. It edits a draft and hands a complete LogsQueryState to onSubmit; it never
 * fetches. A trace id that is not 1–32 hex characters, or a custom time range with an end cleared
 * (or ending before it starts), blocks the submit with an inline message.
 * The page remounts the form (key) when the URL changes, so the draft always starts from the URL.
 */
export function LogsForm({ initial, serviceOptions, onSubmit }: { initial: LogsQueryState; serviceOptions: string[]; onSubmit: (state: LogsQueryState) => void }) {
  const [draft, setDraft] = useState(initial);
  const [traceError, setTraceError] = useState(() => traceIdProblem(initial.traceId));
  const [rangeError, setRangeError] = useState(() => rangeProblem(initial.range));
  const set = <K extends keyof LogsQueryState>(key: K, value: LogsQueryState[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = traceIdProblem(draft.traceId);
    const range = rangeProblem(draft.range);
    setTraceError(problem);
    setRangeError(range);
    if (problem !== undefined || range !== undefined) return;
    // A span filter only makes sense inside the trace it came with.
    const sameTrace = draft.traceId.trim().toLowerCase() === initial.traceId.trim().toLowerCase();
    onSubmit({ ...draft, traceId: draft.traceId.trim().toLowerCase(), spanId: sameTrace ? draft.spanId : "" });
  };

  const services = serviceOptions.includes(draft.service) || draft.service === "" ? serviceOptions : [draft.service, ...serviceOptions];
  const allTime = draft.traceId.trim() !== "" && draft.range.kind === "preset";
  return (
    <form className="logs-form panel" data-testid="logs-form" role="search" onSubmit={submit} noValidate>
      <label className="logs-field logs-field-query">
        <span>Text</span>
        <input type="search" data-testid="logs-query" placeholder="Search log bodies" value={draft.q} onChange={(e) => set("q", e.target.value)} />
      </label>
      <label className="logs-field">
        <span>Service</span>
        <select data-testid="logs-service" value={draft.service} onChange={(e) => set("service", e.target.value)}>
          <option value="">All services</option>
          {services.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="logs-field">
        <span>Min severity</span>
        <select data-testid="logs-min-severity" value={draft.minSeverity} onChange={(e) => set("minSeverity", e.target.value as MinSeverity | "")}>
          <option value="">Any</option>
          {MIN_SEVERITIES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="logs-field logs-field-trace">
        <span>Trace id</span>
        <input
          type="text"
          data-testid="logs-trace-id"
          className={`mono${traceError ? " logs-input-invalid" : ""}`}
          placeholder="32 hex characters"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={traceError !== undefined}
          aria-describedby={traceError ? "logs-trace-id-error" : undefined}
          value={draft.traceId}
          onChange={(e) => {
            set("traceId", e.target.value);
            if (traceError) setTraceError(traceIdProblem(e.target.value));
          }}
        />
      </label>
      <div className="logs-field">
        <span>Time range</span>
        <TimeRangePicker
          value={draft.range}
          invalid={rangeError !== undefined}
          onChange={(range) => {
            set("range", range);
            if (rangeError) setRangeError(rangeProblem(range));
          }}
        />
      </div>
      <label className="logs-field">
        <span>Limit</span>
        <select data-testid="logs-limit" value={draft.limit} onChange={(e) => set("limit", Number(e.target.value) as LogsLimit)}>
          {LOGS_LIMITS.map((limit) => (
            <option key={limit} value={limit}>
              {limit}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary logs-submit" data-testid="logs-submit">
        Search logs
      </button>
      {(traceError || rangeError || allTime || draft.spanId) && (
        <div className="logs-form-notes">
          {traceError && (
            <p className="error-text" id="logs-trace-id-error" role="alert" data-testid="logs-trace-id-error">
              {traceError}
            </p>
          )}
          {rangeError && (
            <p className="error-text" role="alert" data-testid="logs-range-error">
              Time range: {rangeError}
            </p>
          )}
          {!traceError && allTime && <p className="muted">With a trace id, logs are searched over all time (pick a custom range to bound them).</p>}
          {draft.spanId && (
            <p className="logs-span-chip">
              Only span <code>{draft.spanId}</code>{" "}
              <button type="button" data-testid="logs-clear-span" onClick={() => set("spanId", "")}>
                Clear
              </button>
            </p>
          )}
        </div>
      )}
    </form>
  );
}
