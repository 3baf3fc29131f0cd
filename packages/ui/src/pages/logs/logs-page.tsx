import type { ApiLog } from "@skein/model/api";
import { useMemo, useState } from "react";
import { useLocation, useSearchParams } from "react-router";
import { api } from "../../api/api-client.js";
import { LruCache } from "../../api/lru-cache.js";
import { useServices } from "../../api/services-context.js";
import { useApi } from "../../api/use-api.js";
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
 * unchanged one replaces the entry and runs it again (a preset range such as "last hour" moves with
 * the clock). Back/Forward (e.g. from a trace) show the entry's answer from memory, with its
 * expanded rows and scroll position.
 */
export function LogsPage() {
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const state = useMemo(() => readLogsQuery(new URLSearchParams(search)), [search]);
  const [attempt, setAttempt] = useState(0);
  const services = useServices();
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

  const submit = (next: LogsQueryState) => {
    const nextParams = writeLogsQuery(next);
    setParams(nextParams, { replace: nextParams.toString() === search });
  };
  // A failed page may have failed to load the services list as well: Retry asks for both.
  const retry = () => {
    if (services.state.status === "error") services.reload();
    setAttempt((n) => n + 1);
  };

  const serviceOptions = useMemo(() => {
    const names = new Set(services.state.status === "ok" ? services.state.data : []);
    if (result.status === "ok" && result.data) for (const log of result.data) names.add(log.service);
    return [...names].sort();
  }, [services.state, result]);

  return (
    <div className="logs-page">
      <LogsForm key={location.key} initial={state} serviceOptions={serviceOptions} onSubmit={submit} />
      <LogsResults key={entry} state={state} result={result} services={services.state} memoryKey={entry} onRetry={retry} />
    </div>
  );
}
