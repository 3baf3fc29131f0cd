/**
 * Retention windows as people write them: a whole number of days, hours or minutes ("7d", "24h",
 * "90m"; a space before the unit allowed), or 0 for "keep everything". Units are lower case only:
 * "1M" reads as a month to many people and as minutes to others, and guessing wrong deletes
 * nearly everything, so upper-case units are refused (see retentionDurationHint).
 * Values are milliseconds (a JS number is exact far beyond any sensible window).
 */
const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 };

const DURATION = /^(\d+)\s*([dhm])$/;

/** The units, phrased for help texts and error messages. */
export const RETENTION_UNITS = "d (days), h (hours) or m (minutes), in lower case";

/** Milliseconds of `text`, 0 for "0", or undefined if it is not such a duration. */
export function parseRetentionDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^0+$/.test(trimmed)) return 0;
  const match = DURATION.exec(trimmed);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2]];
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/**
 * Why `text` is refused when a generic "allowed: …" would not say it: `M` (month or minutes?).
 * Undefined for any other text.
 */
export function retentionDurationHint(text: string): string | undefined {
  return /^\s*\d+\s*M\s*$/.test(text) ? "`M` is ambiguous: write 30d for a month, or 90m for minutes" : undefined;
}

/** The largest exact unit ("7d", "36h", "90m"); "0" for 0. For help texts and log lines. */
export function formatRetentionDuration(ms: number): string {
  if (ms === 0) return "0";
  for (const unit of ["d", "h", "m"] as const) {
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
