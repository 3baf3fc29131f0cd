import type { ApiTraceSummary } from "@skein/model/api";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { api } from "../../../api/api-client.js";
import { useApi } from "../../../api/use-api.js";
import { formatDuration } from "../../../format/format-duration.js";
import { formatTimestamp } from "../../../format/format-time.js";
import type { TraceModel } from "../../../trace/trace-model.js";
import { compareHref, parseTraceIdInput } from "./trace-id-input.js";

const HOUR_MS = 3_600_000;
/** Recent traces listed to pick from. */
const CANDIDATES = 20;

/**
 * "Compare with…": pick the trace to compare this one (a, the baseline) with — paste an id or a
 * trace URL, or choose one of the recent traces whose root is the same service and operation
 * (`/api/v1/traces?service=&operation=`, the hour before this trace up to now). Choosing navigates
 * to `/compare?a={this}&b={chosen}`.
 */
export function ComparePicker({ model, onClose }: { model: TraceModel; onClose: () => void }) {
  const navigate = useNavigate();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const root = model.root?.span;
  const candidates = useApi(
    async (signal): Promise<ApiTraceSummary[]> => {
      if (root === undefined) return [];
      const startMs = Math.min(Date.now(), Number(model.startNs / 1_000_000n)) - HOUR_MS;
      const found = await api.searchTraces({ service: root.service, operation: root.name, start: String(startMs), end: String(Date.now()), limit: String(CANDIDATES) }, signal);
      return found.filter((trace) => trace.traceId !== model.traceId && trace.rootService === root.service && trace.rootName === root.name);
    },
    [model],
  );
  const go = (other: string) => void navigate(compareHref(model.traceId, other));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = parseTraceIdInput(text);
    if (id === undefined) setError("Enter a trace id (1 to 32 hexadecimal characters) or paste a trace's URL.");
    else if (id.padStart(32, "0") === model.traceId) setError("That is this trace: pick another one.");
    else go(id);
  };
  return (
    <section className="compare-picker panel" data-testid="compare-picker" aria-label="Compare with another trace">
      <header className="compare-picker-head">
        <h2>Compare with…</h2>
        <button type="button" className="compare-picker-close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <form className="compare-picker-form" onSubmit={submit} noValidate>
        <label htmlFor="compare-trace-id">Trace id or URL</label>
        <input
          id="compare-trace-id"
          data-testid="compare-trace-id"
          className="mono"
          value={text}
          autoFocus
          aria-invalid={error !== undefined}
          aria-describedby={error === undefined ? undefined : "compare-trace-id-error"}
          onChange={(event) => {
            setText(event.target.value);
            setError(undefined);
          }}
          placeholder="4bf92f3577b34da6a3ce929d0e0e4736"
        />
        <button type="submit" className="primary" data-testid="compare-submit">
          Compare
        </button>
      </form>
      {error !== undefined && (
        <p id="compare-trace-id-error" className="error-text" role="alert">
          {error}
        </p>
      )}
      <h3>
        Recent {root?.service} {root?.name} traces
      </h3>
      {candidates.status === "loading" && <p className="muted">Loading…</p>}
      {candidates.status === "error" && <p className="error-text">{candidates.error instanceof Error ? candidates.error.message : String(candidates.error)}</p>}
      {candidates.status === "ok" &&
        (candidates.data.length === 0 ? (
          <p className="muted" data-testid="compare-no-candidates">
            No other recent trace has this root; paste an id above.
          </p>
        ) : (
          <ul className="compare-candidates">
            {candidates.data.map((trace) => {
              const delta = Number(trace.durationNano) - model.durationNs;
              return (
                <li key={trace.traceId}>
                  <button type="button" className="compare-candidate" data-testid="compare-candidate" data-trace-id={trace.traceId} onClick={() => go(trace.traceId)}>
                    <span className="muted">{formatTimestamp(trace.startTimeUnixNano)}</span>
                    <strong>{formatDuration(trace.durationNano)}</strong>
                    <span className={delta > 0 ? "error-text" : "muted"}>
                      {delta >= 0 ? "+" : "−"}
                      {formatDuration(Math.abs(delta))}
                    </span>
                    <span className="muted">{trace.spanCount} spans</span>
                    {trace.errorCount > 0 && <span className="badge error">{trace.errorCount} errors</span>}
                    <span className="mono muted compare-candidate-id">{trace.traceId}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        ))}
    </section>
  );
}
