/**
 * Wall-clock times for display, in the browser's time zone. API times are ns-since-epoch decimal
 * strings; these helpers never round through a Date for the sub-millisecond part.
 */

/** `2026-11-24 10:15:30.123` (local time, ms precision): list columns. */
export function formatTimestamp(nanos: string | bigint): string {
  const date = new Date(Number(BigInt(nanos) / 1_000_000n));
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** The same with all nine fractional digits (`…:30.123456789`): detail panels, where precision matters. */
export function formatTimestampNanos(nanos: string | bigint): string {
  const value = BigInt(nanos);
  const fraction = String(value % 1_000_000_000n).padStart(9, "0");
  return `${formatTimestamp(value).slice(0, -4)}.${fraction}`;
}

/** `3 min ago`-style age of a time relative to `nowMs` (for result lists). */
export function formatAge(nanos: string | bigint, nowMs: number = Date.now()): string {
  const seconds = Math.round((nowMs - Number(BigInt(nanos) / 1_000_000n)) / 1000);
  if (seconds < 0) return "in the future";
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}
