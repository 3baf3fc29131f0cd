import { useMemo } from "react";
import { useLocation, useNavigate } from "react-router";
import { readTimeRange, resolveTimeRange, writeTimeRange, type TimeRange } from "../../format/time-range.js";

export interface UrlTimeRange {
  range: TimeRange;
  /** Canonical text of the range: equal ranges give equal keys (use it in effect deps). */
  rangeKey: string;
  setRange: (range: TimeRange) => void;
  resolve: () => { startMs: number; endMs: number };
}

/**
 * The time range of an insights page (services, service, service map), held in the URL as the
 * search page holds it (`range=1h`, or `start`+`end`). `setRange` pushes a new entry keeping the
 * page's other parameters; a custom range that cannot be resolved yet (an end being typed) is not
 * written. `resolve()` turns the range into unix-ms bounds at the moment of the call.
 */
export function useUrlTimeRange(): UrlTimeRange {
  const location = useLocation();
  const navigate = useNavigate();
  const rangeKey = JSON.stringify(readTimeRange(new URLSearchParams(location.search)));
  // Keyed by its canonical text, so other URL parameters (sort, operation) keep the same object.
  const range = useMemo(() => JSON.parse(rangeKey) as TimeRange, [rangeKey]);
  return {
    range,
    rangeKey,
    setRange: (next) => {
      try {
        resolveTimeRange(next);
      } catch {
        return;
      }
      const params = new URLSearchParams(location.search);
      writeTimeRange(params, next);
      navigate(`${location.pathname}?${params.toString()}`);
    },
    resolve: () => {
      const bounds = resolveTimeRange(range);
      return { startMs: Number(bounds.start), endMs: Number(bounds.end) };
    },
  };
}
