/**
 * Retention windows as people write them: a whole number of days, hours or minutes ("7d", "24h",
 * "90m"; units case-insensitive, a space before the unit allowed), or 0 for "keep everything".
 * Values are milliseconds (a JS number is exact far beyond any sensible window).
 */
const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 };

const DURATION = /^(\d+)\s*([dhm])$/i;

/** Milliseconds of `text`, 0 for "0", or undefined if it is not such a duration. */
export function parseRetentionDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^0+$/.test(trimmed)) return 0;
  const match = DURATION.exec(trimmed);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2].toLowerCase()];
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** The largest exact unit ("7d", "36h", "90m"); "0" for 0. For help texts and log lines. */
export function formatRetentionDuration(ms: number): string {
  if (ms === 0) return "0";
  for (const unit of ["d", "h", "m"] as const) {
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
