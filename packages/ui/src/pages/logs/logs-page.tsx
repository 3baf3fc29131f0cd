import type { ApiLog } from "@skein/model/api";
import { useMemo, useState } from "react";
import { useLocation, useSearchParams } from "react-router";
import { api } from "../../api/api-client.js";
import { LruCache } from "../../api/lru-cache.js";
import { useFreshServices } from "../../api/services-context.js";
import { useApi } from "../../api/use-api.js";
import { useKeptAnswer } from "../../api/use-kept-answer.js";
import { entryKey, useRestoreScroll } from "../../components/scroll-memory.js";
import { LogsForm } from "./logs-form.js";
import { rangeProblem, readLogsQuery, spanIdProblem, toApiLogsQuery, traceIdProblem, writeLogsQuery, type LogsQueryState } from "./logs-query.js";
import { LogsResults } from "./logs-results.js";
import "./logs-page.css";

/** The answers of the last few history entries (null: the entry's query was blocked, never sent). */
const logsAnswers = new LruCache<ApiLog[] | null>(5);

/**
 * `/logs`: the logs explorer. The URL is the query: opening `/logs?…` runs it, submitting a changed
 * query pushes a new history entry (Back returns to the previous query), and submitting an
 * unchanged one (compared in canonical form) replaces the entry and runs it again (a preset range
 * such as "last hour" moves with the clock), the old rows staying on screen, dimmed, meanwhile.
 * Back/Forward (e.g. from a trace) show the entry's answer from memory, with its expanded rows and
 * scroll position. The services list is asked again on mount and on each query.
 */
export function LogsPage() {
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const state = useMemo(() => readLogsQuery(new URLSearchParams(search)), [search]);
  const canonical = useMemo(() => writeLogsQuery(state).toString(), [state]);
  const [attempt, setAttempt] = useState(0);
  const services = useFreshServices();
  const entry = entryKey(location);

  // An invalid trace id or time range never leaves the browser: the form shows why, nothing is fetched.
  const blocked = traceIdProblem(state.traceId) !== undefined || rangeProblem(state.range) !== undefined;
  const result = useApi<ApiLog[] | null>(
    async (signal) => {
      if (blocked) return null;
      const spanProblem = spanIdProblem(state.spanId);
      if (spanProblem !== undefined) throw new Error(spanProblem);
      return api.logs(toApiLogsQuery(state, Date.now()), signal);
    },
    [entry, attempt],
    { store: logsAnswers, key: entry },
  );
  useRestoreScroll(result.status === "ok");
  const shown = useKeptAnswer(result, canonical, entry);

  const submit = (next: LogsQueryState) => {
    const nextParams = writeLogsQuery(next);
    services.reload();
    setParams(nextParams, { replace: nextParams.toString() === canonical });
  };
  // A failed page may have failed to load the services list as well: Retry asks for both.
  const retry = () => {
    if (services.state.status === "error") services.reload();
    setAttempt((n) => n + 1);
  };

  const serviceOptions = useMemo(() => {
    const names = new Set(services.state.status === "ok" ? services.state.data : []);
    if (shown.state.status === "ok" && shown.state.data) for (const log of shown.state.data) names.add(log.service);
    return [...names].sort();
  }, [services.state, shown.state]);

  return (
    <div className="logs-page">
      <LogsForm key={location.key} initial={state} serviceOptions={serviceOptions} onSubmit={submit} />
      {/* While refreshing, the previous entry's table stays mounted (same key) with its rows. */}
      <LogsResults key={shown.entry} state={state} result={shown.state} refreshing={shown.refreshing} services={services} memoryKey={shown.entry} onRetry={retry} />
    </div>
  );
}
