import { formatDuration } from "../../format/format-duration.js";

/** A signed delta in ns (decimal string, may be negative) as `+12.3 ms` / `−4 µs` / `±0 ns`. */
export function formatDelta(deltaNano: string | number | bigint): string {
  const value = BigInt(deltaNano);
  if (value === 0n) return "±0 ns";
  const magnitude = formatDuration(value < 0n ? -value : value);
  return `${value < 0n ? "−" : "+"}${magnitude}`;
}

/** The delta as a percentage of the baseline `a` (`+25%`), or undefined when a is 0. */
export function formatDeltaPercent(deltaNano: string | number | bigint, aNano: string | number | bigint): string | undefined {
  const base = Number(aNano);
  if (!(base > 0)) return undefined;
  const percent = (Number(deltaNano) / base) * 100;
  const rounded = Math.abs(percent) >= 10 ? Math.round(percent) : Number(percent.toFixed(1));
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : "±"}${Math.abs(rounded)}%`;
}
