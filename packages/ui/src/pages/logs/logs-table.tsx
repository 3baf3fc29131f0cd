import type { ApiLog } from "@skein/model/api";
import { useCallback } from "react";
import { LruCache } from "../../api/lru-cache.js";
import { useRememberedState } from "../../components/use-remembered-state.js";
import { LOG_COLUMNS, LogRow } from "./log-row.js";

/** Rows rendered at first and added per "Show more": keeps the first paint fast even at limit 5000. */
export const LOGS_PAGE_SIZE = 200;

/** What a table shows beyond its rows: how many, and which are expanded (indexes into `logs`). */
interface LogsTableView {
  shown: number;
  expanded: ReadonlySet<number>;
}

/** The view of the last few history entries' tables, so Back (e.g. from a trace) restores it. */
const tableViews = new LruCache<LogsTableView>(10);

/**
 * The result table, in the API's order (newest first). Which rows are expanded and how many are
 * shown is remembered per history entry under `memoryKey` (none: forgotten on unmount). A new
 * result set mounts a new table (the page keys it by entry), so expansions never point at the wrong
 * record. Rows are memoized and the toggle is stable: expanding one row re-renders that row only.
 */
export function LogsTable({ logs, memoryKey }: { logs: ApiLog[]; memoryKey?: string }) {
  const [view, setView] = useRememberedState(tableViews, memoryKey, () => ({ shown: LOGS_PAGE_SIZE, expanded: new Set<number>() }));
  const toggle = useCallback(
    (index: number) =>
      setView((previous) => {
        const expanded = new Set(previous.expanded);
        if (!expanded.delete(index)) expanded.add(index);
        return { ...previous, expanded };
      }),
    [setView],
  );
  const { shown } = view;
  const visible = logs.slice(0, shown);
  return (
    <div className="logs-table-wrap panel">
      <table className="logs-table" data-testid="logs-table">
        <colgroup>
          <col className="logs-col-time" />
          <col className="logs-col-severity" />
          <col className="logs-col-service" />
          <col />
          <col className="logs-col-trace" />
        </colgroup>
        <thead>
          <tr>
            {LOG_COLUMNS.map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {visible.map((log, index) => (
            <LogRow key={index} index={index} log={log} expanded={view.expanded.has(index)} onToggle={toggle} />
          ))}
        </tbody>
      </table>
      {logs.length > shown && (
        <div className="logs-show-more">
          <button type="button" data-testid="logs-show-more" onClick={() => setView((previous) => ({ ...previous, shown: previous.shown + LOGS_PAGE_SIZE * 5 }))}>
            Show {Math.min(LOGS_PAGE_SIZE * 5, logs.length - shown)} more
          </button>
          <span className="muted">
            {shown} of {logs.length} rows shown
          </span>
        </div>
      )}
    </div>
  );
}
