import { formatDuration } from "../../format/format-duration.js";

/**
 * Figures of the insights pages as people read them. Rates are requests per second; below one a
 * second they read better per minute. Error rates are 0…1 fractions shown as percent. Latencies
 * are ns (or null: nothing measured, "—").
 */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return "0/s";
  if (perSecond < 1) return `${significant(perSecond * 60)}/min`;
  return `${significant(perSecond)}/s`;
}

export function formatErrorRate(fraction: number): string {
  if (!Number.isFinite(fraction) || fraction <= 0) return "0%";
  const percent = fraction * 100;
  return `${percent < 0.1 ? "<0.1" : percent >= 10 ? Math.round(percent) : percent.toFixed(1)}%`;
}

export function formatLatency(nanos: number | null): string {
  return nanos === null ? "—" : formatDuration(nanos);
}

/** A (possibly fractional, sample-weighted) count: whole when it is, else one decimal. */
export function formatCount(count: number): string {
  return Number.isInteger(count) ? count.toLocaleString("en-US") : count.toFixed(1);
}

function significant(value: number): string {
  if (value >= 100) return String(Math.round(value));
  if (value >= 10) return value.toFixed(1).replace(/\.0$/, "");
  return value.toFixed(2).replace(/\.?0+$/, "");
}
