import type { ApiTraceSummary } from "@skein/model/api";
import { API_TRACE_SEARCH_LIMIT } from "@skein/model/api";
import { useMemo, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { api } from "../../api/api-client.js";
import { LruCache } from "../../api/lru-cache.js";
import { useFreshServices, type ServicesState } from "../../api/services-context.js";
import { useApi } from "../../api/use-api.js";
import { useKeptAnswer } from "../../api/use-kept-answer.js";
import { ApiErrorState } from "../../components/api-error-state.js";
import { NoDataYet } from "../../components/empty-state.js";
import { entryKey, useRestoreScroll } from "../../components/scroll-memory.js";
import { SearchForm } from "./search-form.js";
import { SearchNoResults } from "./search-no-results.js";
import { describeTimeRange } from "../../format/time-range.js";
import { checkSearchQuery, hasSearchFilters, readSearchQuery, writeSearchQuery, type SearchQuery, type SearchQueryErrors } from "./search-query.js";
import { SearchResults } from "./search-results.js";
import { SearchScatter } from "./search-scatter.js";
import "./search-page.css";

type SearchOutcome = { kind: "invalid"; errors: SearchQueryErrors } | { kind: "ok"; traces: ApiTraceSummary[]; nowMs: number };

/** The answers of the last few history entries: Back (e.g. from a trace) shows its results at once. */
const searchAnswers = new LruCache<SearchOutcome>(5);

/**
 * `/search`: the URL is the query. Opening a URL runs its search (a preset range resolved at that
 * moment); submitting a changed query pushes a new URL, submitting an unchanged one (compared in
 * canonical form) replaces the entry (no duplicate history) and runs it again ("last hour" moves
 * with now), keeping the old results on screen, dimmed, meanwhile. Back/Forward show the answer
 * that entry had, from memory, at its scroll position. An invalid query (e.g. a duration without a
 * unit, min above max) is shown in the form, never sent. The services list is asked again on
 * mount and on each search: "no data yet" needs a fresh empty list.
 */
export function SearchPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const query = useMemo(() => readSearchQuery(new URLSearchParams(location.search)), [location.search]);
  const canonical = useMemo(() => writeSearchQuery(query).toString(), [query]);
  const [attempt, setAttempt] = useState(0);
  const services = useFreshServices();
  // Every navigation (push or replace) makes a new entry key: a re-submit is a fresh search.
  const entry = entryKey(location);
  const search = useApi<SearchOutcome>(
    async (signal) => {
      const nowMs = Date.now();
      const checked = checkSearchQuery(query, nowMs);
      if (!checked.ok) return { kind: "invalid", errors: checked.errors };
      return { kind: "ok", traces: await api.searchTraces(checked.api, signal), nowMs };
    },
    [query, entry, attempt],
    { store: searchAnswers, key: entry },
  );
  useRestoreScroll(search.status === "ok");
  const shown = useKeptAnswer(search, canonical, entry);

  const submit = (next: SearchQuery) => {
    const nextSearch = writeSearchQuery(next).toString();
    services.reload();
    navigate(`/search?${nextSearch}`, { replace: nextSearch === canonical });
  };
  const retry = () => {
    if (services.state.status === "error") services.reload();
    setAttempt((n) => n + 1);
  };
  // A hand-edited URL may be invalid: the form shows why as soon as it mounts (validity does not depend on now).
  const urlErrors = useMemo(() => {
    const checked = checkSearchQuery(query, Date.now());
    return checked.ok ? {} : checked.errors;
  }, [query]);

  return (
    <div className="search-page">
      <SearchForm key={location.key} initial={query} initialErrors={urlErrors} services={services.state} onSubmit={submit} />
      {shown.state.status === "loading" && <Searching />}
      {shown.state.status === "error" && <ApiErrorState error={shown.state.error} onRetry={retry} />}
      {shown.state.status === "ok" && shown.state.data.kind === "invalid" && (
        <p className="search-invalid error-text" role="alert">
          Fix the highlighted fields, then search again.
        </p>
      )}
      {shown.state.status === "ok" && shown.state.data.kind === "ok" && (
        <div className={shown.refreshing ? "search-answer search-refreshing" : "search-answer"} aria-busy={shown.refreshing} data-testid="search-answer">
          {shown.refreshing && (
            <div className="search-refresh-note" role="status">
              Searching again…
            </div>
          )}
          <SearchAnswer
            query={query}
            traces={shown.state.data.traces}
            nowMs={shown.state.data.nowMs}
            services={services}
            onOpen={(traceId) => navigate(`/trace/${traceId}`)}
          />
        </div>
      )}
    </div>
  );
}

function Searching() {
  return (
    <div className="search-loading muted" role="status">
      Searching…
    </div>
  );
}

function SearchAnswer(props: { query: SearchQuery; traces: ApiTraceSummary[]; nowMs: number; services: ServicesState; onOpen: (traceId: string) => void }) {
  const { query, traces, services } = props;
  if (traces.length === 0) {
    if (hasSearchFilters(query)) return <SearchNoResults query={query} />;
    // Nothing at all in the range: "no data yet" only on a fresh empty services list.
    if (services.pending) return <Searching />;
    return services.fresh && services.state.status === "ok" && services.state.data.length === 0 ? <NoDataYet /> : <SearchNoResults query={query} />;
  }
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
