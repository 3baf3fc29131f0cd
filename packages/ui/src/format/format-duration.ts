const UNITS: ReadonlyArray<readonly [number, string]> = [
  [3_600_000_000_000, "h"],
  [60_000_000_000, "m"],
  [1_000_000_000, "s"],
  [1_000_000, "ms"],
  [1_000, "µs"],
];

/**
 * A duration in ns as people read it: `0 ns`, `870 ns`, `12.3 µs`, `1.25 ms`, `3.4 s`, `2m 5s`,
 * `1h 2m`. Three significant digits below a minute. Accepts the API's decimal strings.
 */
export function formatDuration(nanos: number | bigint | string): string {
  const ns = typeof nanos === "number" ? nanos : Number(nanos);
  if (!Number.isFinite(ns) || ns < 0) return "—";
  if (ns >= 60_000_000_000) {
    const [big, bigUnit, small, smallUnit] = ns >= 3_600_000_000_000 ? [3_600_000_000_000, "h", 60_000_000_000, "m"] : [60_000_000_000, "m", 1_000_000_000, "s"];
    const whole = Math.floor(ns / big);
    const rest = Math.floor((ns - whole * big) / small);
    return rest === 0 ? `${whole}${bigUnit}` : `${whole}${bigUnit} ${rest}${smallUnit}`;
  }
  for (const [size, unit] of UNITS) if (ns >= size) return `${trim(ns / size)} ${unit}`;
  return `${Math.round(ns)} ns`;
}

function trim(value: number): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return String(Number(value.toFixed(digits)));
}
