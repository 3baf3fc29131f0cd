import type { ApiTraceSummary } from "@skein/model/api";
import { Link } from "react-router";
import { formatDuration } from "../../format/format-duration.js";
import { formatAge, formatTimestamp } from "../../format/format-time.js";
import { serviceColor } from "../../format/service-color.js";

/**
 * The hits of a search, in the API's order (newest first). Each row links to its trace; the
 * duration bar is proportional to the longest hit in the list. Every span-derived string
 * (service, operation) renders as text; the link's trace id is schema-checked hex.
 */
export function SearchResults({ traces, nowMs }: { traces: readonly ApiTraceSummary[]; nowMs: number }) {
  const longest = traces.reduce((max, trace) => Math.max(max, Number(trace.durationNano)), 0);
  return (
    <div className="search-results panel" role="table" aria-label="Traces" data-testid="search-results">
      <div className="search-results-head" role="row">
        <span role="columnheader">Trace</span>
        <span role="columnheader">Started</span>
        <span role="columnheader">Duration</span>
        <span role="columnheader" className="search-results-count">Spans</span>
        <span role="columnheader" className="search-results-count">Errors</span>
        <span role="columnheader">Services</span>
      </div>
      {traces.map((trace) => (
        <SearchResultRow key={trace.traceId} trace={trace} longestNs={longest} nowMs={nowMs} />
      ))}
    </div>
  );
}

function SearchResultRow({ trace, longestNs, nowMs }: { trace: ApiTraceSummary; longestNs: number; nowMs: number }) {
  const durationNs = Number(trace.durationNano);
  const share = longestNs > 0 ? Math.max(0.005, durationNs / longestNs) : 0;
  const failed = trace.errorCount > 0;
  return (
    <div className={`search-result${failed ? " search-result-error" : ""}`} role="row" data-testid="search-result" data-trace-id={trace.traceId}>
      <span className="search-result-name" role="cell">
        <Link to={`/trace/${trace.traceId}`} className="search-result-link">
          <span className="search-result-swatch" style={{ background: serviceColor(trace.rootService) }} />
          <span className="search-result-service">{trace.rootService}</span>
          <span className="search-result-operation">{trace.rootName}</span>
        </Link>
        <span className="search-result-id mono muted">{trace.traceId}</span>
      </span>
      <span className="search-result-start" role="cell">
        <span className="mono">{formatTimestamp(trace.startTimeUnixNano)}</span>
        <span className="muted">{formatAge(trace.startTimeUnixNano, nowMs)}</span>
      </span>
      <span className="search-result-duration" role="cell">
        <span className="search-result-duration-text mono">{formatDuration(durationNs)}</span>
        <span className="search-result-bar-track">
          <span className="search-result-bar" style={{ width: `${share * 100}%` }} />
        </span>
      </span>
      <span className="search-results-count search-result-spans mono" role="cell">
        {trace.spanCount}
        <span className="search-result-unit muted"> spans</span>
      </span>
      <span className="search-results-count search-result-errors" role="cell">
        {failed ? <span className="badge error">{trace.errorCount}</span> : <span className="muted mono">0</span>}
        <span className="search-result-unit muted"> errors</span>
      </span>
      <span className="search-result-services" role="cell">
        {trace.services.map((service) => (
          <span key={service.name} className="search-service-chip" title={`${service.name}: ${service.spanCount} spans, ${service.errorCount} errors`}>
            <span className="search-service-chip-dot" style={{ background: serviceColor(service.name) }} />
            {service.name}
            <span className={`search-service-chip-count${service.errorCount > 0 ? " error-text" : ""}`}>{service.spanCount}</span>
          </span>
        ))}
      </span>
    </div>
  );
}
