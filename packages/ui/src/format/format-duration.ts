/** Sub-minute units, smallest first, each with the value at which a rounded figure rolls over to the next. */
const UNITS: ReadonlyArray<{ size: number; unit: string; rollsOverAt: number }> = [
  { size: 1, unit: "ns", rollsOverAt: 1_000 },
  { size: 1_000, unit: "µs", rollsOverAt: 1_000 },
  { size: 1_000_000, unit: "ms", rollsOverAt: 1_000 },
  { size: 1_000_000_000, unit: "s", rollsOverAt: 60 },
];

const SECOND = 1_000_000_000;
const MINUTE = 60 * SECOND;

/**
 * A duration in ns as people read it: `0 ns`, `870 ns`, `12.3 µs`, `1.25 ms`, `3.4 s`, `2m 5s`,
 * `1h 2m`. Three significant digits below a minute (whole ns below 1 µs); from a minute on, whole
 * seconds (below an hour) or whole minutes, rounded to the nearest. The figure is rounded FIRST and
 * then its unit picked, so a value never shows as `1000 ms` or `60 s`: it rolls over to `1 s`,
 * `1m`. Accepts the API's decimal strings; a negative or unreadable value is `—`.
 */
export function formatDuration(nanos: number | bigint | string): string {
  const ns = typeof nanos === "number" ? nanos : Number(nanos);
  if (!Number.isFinite(ns) || ns < 0) return "—";
  for (const { size, unit, rollsOverAt } of UNITS) {
    const rounded = size === 1 ? Math.round(ns) : roundToThreeDigits(ns / size);
    if (rounded < rollsOverAt) return `${rounded} ${unit}`;
  }
  const seconds = Math.round(ns / SECOND);
  if (seconds < 3_600) return compound(Math.floor(seconds / 60), "m", seconds % 60, "s");
  const minutes = Math.round(ns / MINUTE);
  return compound(Math.floor(minutes / 60), "h", minutes % 60, "m");
}

function roundToThreeDigits(value: number): number {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return Number(value.toFixed(digits));
}

function compound(whole: number, wholeUnit: string, rest: number, restUnit: string): string {
  return rest === 0 ? `${whole}${wholeUnit}` : `${whole}${wholeUnit} ${rest}${restUnit}`;
}
