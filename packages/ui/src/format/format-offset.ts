import { formatDuration } from "./format-duration.js";

/**
 * A signed time offset in ns (e.g. a log or event relative to the trace or span start) as people
 * read it: `+12.3 ms`, `−870 ns` (a true minus sign), `+0 ns`. Accepts what formatDuration does.
 */
export function formatOffset(nanos: number | bigint): string {
  const ns = typeof nanos === "bigint" ? Number(nanos) : nanos;
  if (!Number.isFinite(ns)) return "—";
  return ns < 0 ? `−${formatDuration(-ns)}` : `+${formatDuration(ns)}`;
}
