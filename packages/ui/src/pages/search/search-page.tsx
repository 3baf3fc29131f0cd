import type { ApiTraceSummary } from "@skein/model/api";
import { API_TRACE_SEARCH_LIMIT } from "@skein/model/api";
import { useMemo, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { api } from "../../api/api-client.js";
import { useApi } from "../../api/use-api.js";
import { ApiErrorState } from "../../components/api-error-state.js";
import { NoDataYet } from "../../components/empty-state.js";
import { SearchForm } from "./search-form.js";
import { SearchNoResults } from "./search-no-results.js";
import { describeTimeRange } from "../../format/time-range.js";
import { checkSearchQuery, hasSearchFilters, readSearchQuery, writeSearchQuery, type SearchQuery, type SearchQueryErrors } from "./search-query.js";
import { SearchResults } from "./search-results.js";
import { SearchScatter } from "./search-scatter.js";
import "./search-page.css";

type SearchOutcome = { kind: "invalid"; errors: SearchQueryErrors } | { kind: "ok"; traces: ApiTraceSummary[]; nowMs: number };

/**
 * `/search`: the URL is the query. Opening a URL runs its search (a preset range resolved at that
 * moment); submitting the form pushes a new URL, so Back returns to the previous search and
 * re-runs it. An invalid query (e.g. a duration without a unit) is shown in the form, not sent.
 */
export function SearchPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const query = useMemo(() => readSearchQuery(new URLSearchParams(location.search)), [location.search]);
  const [attempt, setAttempt] = useState(0);
  const services = useApi((signal) => api.services(signal), [attempt]);
  const search = useApi<SearchOutcome>(
    async (signal) => {
      const nowMs = Date.now();
      const checked = checkSearchQuery(query, nowMs);
      if (!checked.ok) return { kind: "invalid", errors: checked.errors };
      return { kind: "ok", traces: await api.searchTraces(checked.api, signal), nowMs };
    },
    // location.key: submitting the same query again is a refresh ("last hour" moves with now).
    [query, location.key, attempt],
  );

  const submit = (next: SearchQuery) => navigate(`/search?${writeSearchQuery(next).toString()}`);
  // A hand-edited URL may be invalid: the form shows why as soon as it mounts (validity does not depend on now).
  const urlErrors = useMemo(() => {
    const checked = checkSearchQuery(query, Date.now());
    return checked.ok ? {} : checked.errors;
  }, [query]);

  return (
    <div className="search-page">
      <SearchForm key={location.key} initial={query} initialErrors={urlErrors} services={services} onSubmit={submit} />
      {search.status === "loading" && (
        <div className="search-loading muted" role="status">
          Searching…
        </div>
      )}
      {search.status === "error" && <ApiErrorState error={search.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {search.status === "ok" && search.data.kind === "invalid" && (
        <p className="search-invalid error-text" role="alert">
          Fix the highlighted fields, then search again.
        </p>
      )}
      {search.status === "ok" && search.data.kind === "ok" && (
        <SearchAnswer
          query={query}
          traces={search.data.traces}
          nowMs={search.data.nowMs}
          noData={services.status === "ok" && services.data.length === 0 && !hasSearchFilters(query)}
          onOpen={(traceId) => navigate(`/trace/${traceId}`)}
        />
      )}
    </div>
  );
}

function SearchAnswer(props: { query: SearchQuery; traces: ApiTraceSummary[]; nowMs: number; noData: boolean; onOpen: (traceId: string) => void }) {
  const { query, traces } = props;
  if (traces.length === 0) return props.noData ? <NoDataYet /> : <SearchNoResults query={query} />;
  const limit = query.limit !== "" ? Number(query.limit) : API_TRACE_SEARCH_LIMIT.default;
  return (
    <>
      <div className="search-summary">
        <strong>
          {traces.length} {traces.length === 1 ? "trace" : "traces"}
        </strong>
        <span className="muted"> · {describeTimeRange(query.timeRange)} · newest first</span>
        {traces.length >= limit && <span className="muted"> · showing the first {limit}: raise the limit or narrow the search to see others</span>}
      </div>
      <section className="search-chart panel" aria-label="Duration over time">
        <div className="search-chart-head">
          <span className="search-chart-title">Duration over time</span>
          <span className="search-chart-legend muted">
            <span className="search-legend-dot" /> trace <span className="search-legend-dot search-legend-error" /> with errors · click a point to open it
          </span>
        </div>
        <SearchScatter traces={traces} onOpen={props.onOpen} />
      </section>
      <SearchResults traces={traces} nowMs={props.nowMs} />
    </>
  );
}
