import type { ApiLog } from "@skein/model/api";
import { useState } from "react";
import { LOG_COLUMNS, LogRow } from "./log-row.js";

/** Rows rendered at first and added per "Show more": keeps the first paint fast even at limit 5000. */
export const LOGS_PAGE_SIZE = 200;

/**
 * The result table, in the API's order (newest first). Which rows are expanded is local state:
 * a new result set mounts a new table (the page keys it by query), so expansions never point at
 * the wrong record.
 */
export function LogsTable({ logs }: { logs: ApiLog[] }) {
  const [shown, setShown] = useState(LOGS_PAGE_SIZE);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const toggle = (index: number) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      if (!next.delete(index)) next.add(index);
      return next;
    });
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
            <LogRow key={index} log={log} expanded={expanded.has(index)} onToggle={() => toggle(index)} />
          ))}
        </tbody>
      </table>
      {logs.length > shown && (
        <div className="logs-show-more">
          <button type="button" data-testid="logs-show-more" onClick={() => setShown((n) => n + LOGS_PAGE_SIZE * 5)}>
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
