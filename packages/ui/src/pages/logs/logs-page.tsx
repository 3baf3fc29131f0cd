import type { ApiLog } from "@skein/model/api";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { api } from "../../api/api-client.js";
import { useApi } from "../../api/use-api.js";
import { LogsForm } from "./logs-form.js";
import { spanIdProblem, toApiLogsQuery, traceIdProblem, writeLogsQuery, readLogsQuery, type LogsQueryState } from "./logs-query.js";
import { LogsResults } from "./logs-results.js";
import "./logs-page.css";

/**
 * `/logs`: the logs explorer. The URL is the query: opening `/logs?…` runs it, submitting the
 * form pushes a new history entry (Back returns to the previous query), and submitting an
 * unchanged query runs it again (a preset range such as "last hour" moves with the clock).
 */
export function LogsPage() {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const state = useMemo(() => readLogsQuery(new URLSearchParams(search)), [search]);
  const [runs, setRuns] = useState(0);

  const services = useApi((signal) => api.services(signal), []);
  // An invalid trace id never leaves the browser: the form shows why, and nothing is fetched.
  const blocked = traceIdProblem(state.traceId) !== undefined;
  const result = useApi<ApiLog[] | null>(
    async (signal) => {
      if (blocked) return null;
      const spanProblem = spanIdProblem(state.spanId);
      if (spanProblem !== undefined) throw new Error(spanProblem);
      return api.logs(toApiLogsQuery(state, Date.now()), signal);
    },
    [search, runs],
  );

  const submit = (next: LogsQueryState) => {
    const nextParams = writeLogsQuery(next);
    if (nextParams.toString() === search) setRuns((n) => n + 1);
    else setParams(nextParams);
  };

  const serviceOptions = useMemo(() => {
    const names = new Set(services.status === "ok" ? services.data : []);
    if (result.status === "ok" && result.data) for (const log of result.data) names.add(log.service);
    return [...names].sort();
  }, [services, result]);

  return (
    <div className="logs-page">
      <LogsForm key={search} initial={state} serviceOptions={serviceOptions} onSubmit={submit} />
      <LogsResults key={`${search}#${runs}`} state={state} result={result} services={services} onRetry={() => setRuns((n) => n + 1)} />
    </div>
  );
}
