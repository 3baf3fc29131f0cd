import { useMemo, useState } from "react";
import { formatDuration } from "../../../format/format-duration.js";
import { serviceColor } from "../../../format/service-color.js";
import type { TraceModel } from "../../../trace/trace-model.js";
import { aggregateTraceStats, DEFAULT_STATS_SORT, sortTraceStats, type StatsSort, type StatsSortKey, type StatsTotals } from "./trace-stats-aggregate.js";
import "./trace-stats.css";

const COLUMNS: ReadonlyArray<{ key: StatsSortKey; label: string; title: string }> = [
  { key: "name", label: "Service / operation", title: "Service, then span name" },
  { key: "spanCount", label: "Spans", title: "Number of spans" },
  { key: "errorCount", label: "Errors", title: "Spans with status error" },
  { key: "totalNs", label: "Total", title: "Sum of span durations (nested spans count again)" },
  { key: "selfNs", label: "Self", title: "Sum of self time: duration not covered by child spans" },
  { key: "avgNs", label: "Avg", title: "Average span duration" },
  { key: "maxNs", label: "Max", title: "Longest span" },
  { key: "selfPercent", label: "% self", title: "Share of the trace's summed self time" },
];

/** The Statistics tab: per service and operation, counts and times; click a header to sort. */
export function TraceStats({ model }: { model: TraceModel }) {
  const stats = useMemo(() => aggregateTraceStats(model), [model]);
  const [sort, setSort] = useState<StatsSort>(DEFAULT_STATS_SORT);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const sorted = useMemo(() => sortTraceStats(stats, sort), [stats, sort]);

  const onSort = (key: StatsSortKey) =>
    setSort((current) => (current.key === key ? { key, descending: !current.descending } : { key, descending: key !== "name" }));
  const toggle = (service: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(service)) next.add(service);
      return next;
    });

  return (
    <div className="trace-stats" data-testid="trace-stats">
      <table className="trace-stats-table">
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th
                key={column.key}
                scope="col"
                title={column.title}
                aria-sort={sort.key === column.key ? (sort.descending ? "descending" : "ascending") : "none"}
                className={column.key === "name" ? "trace-stats-name" : "trace-stats-num"}
              >
                <button type="button" className="trace-stats-sort" onClick={() => onSort(column.key)}>
                  {column.label}
                  <span className="trace-stats-arrow" aria-hidden="true">
                    {sort.key === column.key ? (sort.descending ? "▼" : "▲") : ""}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        {sorted.map((service) => {
          const open = !collapsed.has(service.service);
          return (
            <tbody key={service.service} className="trace-stats-group">
              <tr className="trace-stats-service" data-testid="trace-stats-service">
                <th scope="row" className="trace-stats-name">
                  <button type="button" className="trace-stats-toggle" aria-expanded={open} onClick={() => toggle(service.service)}>
                    <span aria-hidden="true">{open ? "▾" : "▸"}</span>
                    <span className="trace-stats-chip" style={{ background: serviceColor(service.service) }} />
                    {service.service}
                  </button>
                </th>
                <Numbers row={service} />
              </tr>
              {open &&
                service.operations.map((operation) => (
                  <tr key={operation.operation} className="trace-stats-operation" data-testid="trace-stats-operation">
                    <th scope="row" className="trace-stats-name">
                      <span className="trace-stats-operation-name" title={operation.operation}>
                        {operation.operation}
                      </span>
                    </th>
                    <Numbers row={operation} />
                  </tr>
                ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

function Numbers({ row }: { row: StatsTotals }) {
  return (
    <>
      <td className="trace-stats-num">{row.spanCount}</td>
      <td className={`trace-stats-num${row.errorCount > 0 ? " error-text" : " muted"}`}>{row.errorCount}</td>
      <td className="trace-stats-num">{formatDuration(row.totalNs)}</td>
      <td className="trace-stats-num">{formatDuration(row.selfNs)}</td>
      <td className="trace-stats-num">{formatDuration(row.avgNs)}</td>
      <td className="trace-stats-num">{formatDuration(row.maxNs)}</td>
      <td className="trace-stats-num trace-stats-percent">
        <span className="trace-stats-bar" style={{ width: `${Math.min(100, row.selfPercent)}%` }} />
        <span className="trace-stats-percent-text">{row.selfPercent.toFixed(1)}%</span>
      </td>
    </>
  );
}
