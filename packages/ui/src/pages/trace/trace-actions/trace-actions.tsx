import { formatDuration } from "../../../format/format-duration.js";
import type { CriticalPathState } from "../critical-path/use-critical-path.js";

/**
 * The trace's action buttons in its header: the "Critical path" switch (aria-pressed; the page
 * keeps it in `?critical=1`) with what it found or why it failed, and "Compare with…".
 */
export function TraceActions(props: { critical: CriticalPathState; onCritical: (on: boolean) => void; onCompare: () => void; comparing: boolean }) {
  const { critical } = props;
  const on = critical.status !== "off";
  return (
    <div className="trace-actions">
      <button
        type="button"
        className={`trace-action${on ? " is-on" : ""}`}
        aria-pressed={on}
        data-testid="critical-path-toggle"
        title="Highlight the chain of work that decided this trace's duration"
        onClick={() => props.onCritical(!on)}
      >
        Critical path
      </button>
      {critical.status === "loading" && (
        <span className="muted trace-action-note" role="status">
          computing…
        </span>
      )}
      {critical.status === "ok" && (
        <span className="muted trace-action-note" data-testid="critical-path-summary">
          {critical.lookup.spanCount} span{critical.lookup.spanCount === 1 ? "" : "s"} · {formatDuration(critical.lookup.totalNs)}
        </span>
      )}
      {critical.status === "error" && (
        <span className="error-text trace-action-note" role="alert" data-testid="critical-path-error">
          {critical.error instanceof Error ? critical.error.message : String(critical.error)}{" "}
          <button type="button" onClick={critical.retry}>
            Retry
          </button>
        </span>
      )}
      <button type="button" className="trace-action" aria-expanded={props.comparing} data-testid="compare-open" onClick={props.onCompare}>
        Compare with…
      </button>
    </div>
  );
}
