import { formatTimestamp } from "./format-time.js";

/**
 * The time range of a search or log query, as the URL holds it: a preset relative to now
 * (`range=1h`, shareable as "the last hour whenever opened") or a custom absolute window
 * (`start=…&end=…`, ISO 8601). resolveTimeRange turns either into the API's unix-ms bounds.
 */
export const TIME_RANGE_PRESETS = [
  { id: "5m", label: "Last 5 minutes", ms: 5 * 60_000 },
  { id: "15m", label: "Last 15 minutes", ms: 15 * 60_000 },
  { id: "1h", label: "Last hour", ms: 3_600_000 },
  { id: "6h", label: "Last 6 hours", ms: 6 * 3_600_000 },
  { id: "24h", label: "Last 24 hours", ms: 24 * 3_600_000 },
  { id: "7d", label: "Last 7 days", ms: 7 * 24 * 3_600_000 },
  { id: "30d", label: "Last 30 days", ms: 30 * 24 * 3_600_000 },
] as const;

export type TimeRangePresetId = (typeof TIME_RANGE_PRESETS)[number]["id"];

export type TimeRange =
  | { kind: "preset"; preset: TimeRangePresetId }
  | {
      kind: "custom";
      /** ISO 8601 instants (`2026-11-24T10:00:00.000Z`); start ≤ end is checked by resolveTimeRange. */
      start: string;
      end: string;
    };

export const DEFAULT_TIME_RANGE: TimeRange = { kind: "preset", preset: "1h" };

/** Reads `range` or `start`+`end` from the URL; anything unreadable falls back to the default. */
export function readTimeRange(params: URLSearchParams, fallback: TimeRange = DEFAULT_TIME_RANGE): TimeRange {
  const start = params.get("start");
  const end = params.get("end");
  if (start && end && !Number.isNaN(Date.parse(start)) && !Number.isNaN(Date.parse(end))) return { kind: "custom", start, end };
  const preset = TIME_RANGE_PRESETS.find((p) => p.id === params.get("range"));
  return preset ? { kind: "preset", preset: preset.id } : fallback;
}

/** Writes the range into `params` (removing the other form's keys). */
export function writeTimeRange(params: URLSearchParams, range: TimeRange): void {
  params.delete("range");
  params.delete("start");
  params.delete("end");
  if (range.kind === "preset") params.set("range", range.preset);
  else {
    params.set("start", range.start);
    params.set("end", range.end);
  }
}

/**
 * The API bounds (unix milliseconds as decimal strings) of a range at `nowMs`. Throws an Error
 * with a message for people when a custom range is unreadable or ends before it starts.
 */
export function resolveTimeRange(range: TimeRange, nowMs: number = Date.now()): { start: string; end: string } {
  if (range.kind === "preset") {
    const preset = TIME_RANGE_PRESETS.find((p) => p.id === range.preset)!;
    return { start: String(Math.max(0, nowMs - preset.ms)), end: String(nowMs) };
  }
  const start = Date.parse(range.start);
  const end = Date.parse(range.end);
  if (Number.isNaN(start) || Number.isNaN(end)) throw new Error("the custom time range is not a valid date and time; pick both ends again");
  if (start > end) throw new Error("the custom time range ends before it starts; swap the two times");
  return { start: String(start), end: String(end) };
}

/** A short description for headings: "Last hour", or a custom range in local time to the second. */
export function describeTimeRange(range: TimeRange): string {
  if (range.kind === "preset") return TIME_RANGE_PRESETS.find((p) => p.id === range.preset)!.label;
  const local = (iso: string) => {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? iso : formatTimestamp(String(BigInt(ms) * 1_000_000n)).slice(0, 19);
  };
  return `${local(range.start)} → ${local(range.end)}`;
}
