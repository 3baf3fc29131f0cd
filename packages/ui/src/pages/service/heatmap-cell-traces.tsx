import { Link } from "react-router";
import { formatCount, formatLatency } from "../../components/charts/insights-format.js";
import { cellSearchHref, type HeatmapCell } from "../../components/charts/heatmap-cells.js";
import { formatDuration } from "../../format/format-duration.js";

/**
 * The spans of a selected heatmap cell: its exemplar traces (links) and a trace search for all of
 * them, with the span kind the heatmap was asked with (undefined: every kind) so it finds the same spans.
 */
export function HeatmapCellTraces({ cell, service, operation, kind }: { cell: HeatmapCell; service: string; operation: string | undefined; kind: string | undefined }) {
  const band = `${formatLatency(cell.lowerNano)}${cell.upperNano === null ? " or more" : ` – ${formatLatency(cell.upperNano)}`}`;
  return (
    <div className="heatmap-cell-traces panel" data-testid="heatmap-cell-traces" aria-live="polite">
      <p>
        <strong>{formatCount(cell.count)}</strong> {cell.count === 1 ? "span" : "spans"} of {band}, {new Date(cell.startMs).toLocaleTimeString()} – {new Date(cell.endMs).toLocaleTimeString()}
      </p>
      {cell.exemplars.length === 0 ? (
        <p className="muted">No example traces were kept for this cell.</p>
      ) : (
        <ul className="heatmap-exemplars">
          {cell.exemplars.map((exemplar) => (
            <li key={`${exemplar.traceId}:${exemplar.spanId}`}>
              <Link to={`/trace/${exemplar.traceId}?span=${exemplar.spanId}`} data-testid="heatmap-exemplar" data-trace-id={exemplar.traceId} className="mono">
                {exemplar.traceId}
              </Link>{" "}
              <span className="muted">{formatDuration(exemplar.durationNano)}</span>
            </li>
          ))}
        </ul>
      )}
      <Link to={cellSearchHref(cell, service, operation, kind)} data-testid="heatmap-search">
        Search these traces →
      </Link>
    </div>
  );
}
