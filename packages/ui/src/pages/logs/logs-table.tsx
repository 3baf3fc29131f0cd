import type { ApiLog } from "@skein/model/api";
import { useCallback, useRef, type KeyboardEvent } from "react";
import { LruCache } from "../../api/lru-cache.js";
import { useRememberedState } from "../../components/use-remembered-state.js";
import { LOG_COLUMNS, LogRow } from "./log-row.js";
import { rowIndexOf, useLogsVirtualizer } from "./use-logs-virtualizer.js";
import { virtualRowSegments } from "./virtual-row-segments.js";

/** The expanded rows (indexes into `logs`) of the last few history entries' tables, so Back (e.g. from a trace) restores them. */
const expandedRows = new LruCache<ReadonlySet<number>>(10);

/**
 * The result table, in the API's order (newest first), every loaded row reachable by scrolling the
 * page: it is virtualized (only rows near the viewport are in the DOM, spacers stand in for the
 * rest), so expanding a row lays out a few dozen rows, not thousands. Which rows are expanded, and
 * their measured heights, are remembered per history entry under `memoryKey` (none: forgotten on
 * unmount); the page restores the window scroll. A new result set mounts a new table (the page
 * keys it by entry), so expansions never point at the wrong record. Rows are memoized and the
 * toggle is stable: expanding one row re-renders that row only. Keyboard: Tab walks the carets and
 * links, ArrowUp/ArrowDown on a caret move to the previous/next row's caret.
 */
export function LogsTable({ logs, memoryKey }: { logs: ApiLog[]; memoryKey?: string }) {
  const [expanded, setExpanded] = useRememberedState<ReadonlySet<number>>(expandedRows, memoryKey, () => new Set());
  const toggle = useCallback(
    (index: number) =>
      setExpanded((previous) => {
        const next = new Set(previous);
        if (!next.delete(index)) next.add(index);
        return next;
      }),
    [setExpanded],
  );
  const tableRef = useRef<HTMLTableElement>(null);
  const { virtualizer, scrollMargin, onFocus, onBlur } = useLogsVirtualizer(logs.length, tableRef, memoryKey);
  const segments = virtualRowSegments(virtualizer.getVirtualItems(), virtualizer.getTotalSize(), scrollMargin);

  const moveFocus = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    if (!(event.target instanceof HTMLElement) || !event.target.classList.contains("logs-caret")) return;
    const from = rowIndexOf(event.target);
    const to = from === null ? -1 : from + (event.key === "ArrowDown" ? 1 : -1);
    if (to < 0 || to >= logs.length) return;
    event.preventDefault();
    virtualizer.scrollToIndex(to);
    const caret = () => tableRef.current?.querySelector<HTMLElement>(`[data-index="${to}"] .logs-caret`);
    const now = caret();
    if (now) now.focus({ preventScroll: true });
    else requestAnimationFrame(() => caret()?.focus({ preventScroll: true }));
  };

  return (
    <div className="logs-table-wrap panel">
      <table className="logs-table" data-testid="logs-table" ref={tableRef} onKeyDown={moveFocus} onFocus={onFocus} onBlur={onBlur}>
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
        {segments.map((segment) =>
          segment.kind === "gap" ? (
            <tbody key={`gap ${segment.before}`} className="logs-spacer" aria-hidden="true">
              <tr>
                <td colSpan={LOG_COLUMNS.length} style={{ height: segment.height }} />
              </tr>
            </tbody>
          ) : (
            <LogRow key={segment.index} index={segment.index} log={logs[segment.index]!} expanded={expanded.has(segment.index)} onToggle={toggle} measureRef={virtualizer.measureElement} />
          ),
        )}
      </table>
    </div>
  );
}
