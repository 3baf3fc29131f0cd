import { Link } from "react-router";
import type { ApiTraceCompareResponse } from "@skein/model/api";
import { formatDuration } from "../../format/format-duration.js";
import { traceHref } from "../../format/trace-href.js";
import { formatDelta, formatDeltaPercent } from "./diff-format.js";

/** Both traces side by side (id linking to the trace, duration, span count) and B's change in duration. */
export function CompareSummary({ answer }: { answer: ApiTraceCompareResponse }) {
  const delta = BigInt(answer.b.durationNano) - BigInt(answer.a.durationNano);
  const percent = formatDeltaPercent(delta, answer.a.durationNano);
  return (
    <div className="compare-summary" data-testid="compare-summary">
      <TraceCard label="A (baseline)" side="a" trace={answer.a} />
      <TraceCard label="B" side="b" trace={answer.b} />
      <div className="compare-card panel">
        <div className="compare-card-label">Duration change</div>
        <div className={`compare-card-figure${delta > 0n ? " error-text" : ""}`} data-testid="compare-duration-delta">
          {formatDelta(delta)}
          {percent !== undefined && <span className="muted"> ({percent})</span>}
        </div>
        <div className="muted">{answer.b.spanCount - answer.a.spanCount >= 0 ? "+" : "−"}{Math.abs(answer.b.spanCount - answer.a.spanCount)} spans</div>
      </div>
    </div>
  );
}

function TraceCard({ label, side, trace }: { label: string; side: "a" | "b"; trace: ApiTraceCompareResponse["a"] }) {
  return (
    <div className="compare-card panel" data-testid={`compare-trace-${side}`}>
      <div className="compare-card-label">{label}</div>
      <Link className="mono" to={traceHref(trace.traceId) ?? "/search"} data-testid={`compare-trace-link-${side}`}>
        {trace.traceId}
      </Link>
      <div className="compare-card-figure">{formatDuration(trace.durationNano)}</div>
      <div className="muted">{trace.spanCount.toLocaleString("en-US")} spans</div>
    </div>
  );
}
