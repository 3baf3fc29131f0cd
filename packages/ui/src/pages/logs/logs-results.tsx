import type { ApiLog } from "@skein/model/api";
import type { ServicesState } from "../../api/services-context.js";
import type { ApiState } from "../../api/use-api.js";
import { ApiErrorState } from "../../components/api-error-state.js";
import { NoLogsYet, NoMatchingLogs } from "./logs-empty-states.js";
import { hasLogFilters, type LogsQueryState } from "./logs-query.js";
import { LogsTable } from "./logs-table.js";

/**
 * What is under the form: loading, the API error (unreachable vs refused), "no data yet" (no
 * filters, nothing stored: a fresh empty services list and no logs), "no results" (with what to
 * widen), or the count summary and table, dimmed while `refreshing` (the same query running
 * again). `result.data` null means the query was blocked before sending.
 */
export function LogsResults({
  state,
  result,
  refreshing = false,
  services,
  memoryKey,
  onRetry,
}: {
  state: LogsQueryState;
  result: ApiState<ApiLog[] | null>;
  refreshing?: boolean;
  services: ServicesState;
  /** The history entry the table remembers its expanded rows and row heights under. */
  memoryKey?: string;
  onRetry: () => void;
}) {
  if (result.status === "loading") return <Loading />;
  if (result.status === "error") return <ApiErrorState error={result.error} onRetry={onRetry} />;
  const logs = result.data;
  if (logs === null) return null;
  if (logs.length === 0) {
    if (hasLogFilters(state)) return <NoMatchingLogs state={state} />;
    if (services.pending) return <Loading />;
    return services.fresh && services.state.status === "ok" && services.state.data.length === 0 ? <NoLogsYet state={state} /> : <NoMatchingLogs state={state} />;
  }
  return (
    <div className={refreshing ? "logs-results logs-refreshing" : "logs-results"} aria-busy={refreshing}>
      {refreshing && (
        <p className="logs-refresh-note" role="status">
          Loading logs again…
        </p>
      )}
      <p className="logs-summary" data-testid="logs-count" role="status">
        {logs.length >= state.limit ? (
          <>
            Showing the <strong>{logs.length}</strong> newest logs — raise the limit or narrow the range for more.
          </>
        ) : (
          <>
            <strong>{logs.length}</strong> {logs.length === 1 ? "log" : "logs"}, newest first.
          </>
        )}
      </p>
      <LogsTable logs={logs} memoryKey={memoryKey} />
    </div>
  );
}

function Loading() {
  return (
    <p className="logs-summary muted" data-testid="logs-loading" role="status">
      Loading logs…
    </p>
  );
}
