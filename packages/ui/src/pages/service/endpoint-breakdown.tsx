import type { ApiEndpointCriticalPathResponse } from "@skein/model/api";
import { formatLatency } from "../../components/charts/insights-format.js";
import { formatDuration } from "../../format/format-duration.js";

/**
 * Where an endpoint's time goes on the critical path: per operation, its share of typical (≤ p50)
 * and of slow (≥ p95) requests, as two bars, ranked as the API ranks them (by slow share). An
 * operation whose slow share is well above its typical share is what makes the slow requests slow.
 */
export function EndpointBreakdown({ breakdown }: { breakdown: ApiEndpointCriticalPathResponse }) {
  if (breakdown.sampledRequests === 0 || breakdown.operations.length === 0) {
    return <p className="muted service-section-note">No stored requests of this endpoint in the time range.</p>;
  }
  return (
    <div className="endpoint-breakdown">
      <p className="muted service-section-note">
        {breakdown.sampledRequests} requests analysed · typical ≤ {formatLatency(breakdown.p50DurationNano)} · slow ≥ {formatLatency(breakdown.p95DurationNano)}
      </p>
      <div className="breakdown-legend muted">
        <span className="breakdown-swatch breakdown-p50" /> share of typical requests <span className="breakdown-swatch breakdown-p95" /> share of slow requests
      </div>
      <ol className="breakdown-rows">
        {breakdown.operations.map((op) => (
          <li key={`${op.service}\u0000${op.operation}`} className="breakdown-row" data-testid="critical-path-row" data-operation={op.operation} data-service={op.service}>
            <span className="breakdown-name" title={`${op.service} · ${op.operation}`}>
              <span className="muted">{op.service}</span> {op.operation}
            </span>
            <Bar share={op.p50Share} timeNano={op.p50TimeNano} kind="p50" />
            <Bar share={op.p95Share} timeNano={op.p95TimeNano} kind="p95" />
          </li>
        ))}
      </ol>
    </div>
  );
}

function Bar({ share, timeNano, kind }: { share: number; timeNano: number; kind: "p50" | "p95" }) {
  const percent = Math.round(share * 1000) / 10;
  return (
    <span className="breakdown-bar" role="img" aria-label={`${percent}% of ${kind === "p50" ? "typical" : "slow"} request time (${formatDuration(timeNano)})`}>
      <span className={`breakdown-fill breakdown-${kind}`} style={{ width: `${Math.min(100, share * 100)}%` }} />
      <span className="breakdown-value">
        {percent}% <span className="muted">{formatDuration(timeNano)}</span>
      </span>
    </span>
  );
}
