import type { ReactNode } from "react";
import { useLocation } from "react-router";
import { describeTimeRange, type TimeRange } from "../../format/time-range.js";
import { TimeRangePicker } from "../time-range-picker.js";

/**
 * The header of the insights pages (Services, a service, Service map): the title, the range in
 * words, the time range picker (reset when the URL changes) and a Refresh button.
 */
export function InsightsToolbar({ title, range, onRange, onRefresh }: { title: ReactNode; range: TimeRange; onRange: (range: TimeRange) => void; onRefresh: () => void }) {
  const location = useLocation();
  return (
    <div className="insights-toolbar">
      <h1>{title}</h1>
      <span className="muted">{describeTimeRange(range)}</span>
      <span className="insights-toolbar-end">
        <TimeRangePicker key={location.key} value={range} onChange={onRange} />
        <button type="button" onClick={onRefresh} data-testid="insights-refresh">
          Refresh
        </button>
      </span>
    </div>
  );
}
