/** Nanoseconds per duration unit the API accepts. */
const UNIT_NANOS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const PART = /([0-9]+)(?:\.([0-9]+))?(ns|us|µs|ms|s|m|h)/y;

/**
 * Exact nanoseconds of a Go/Jaeger-style duration as the API reads it: `250ms`, `1.5s`, `1m30s`,
 * `100us` (or `µs`), `10ns`. A unit is required (a bare number is refused rather than guessed, as
 * in Jaeger and Tempo); fractions below 1 ns truncate, as Go's time.ParseDuration does. Returns
 * undefined for anything else, including over-long parts. Shared by the server (which also bounds
 * the total) and the UI (which compares min and max before sending).
 */
export function parseApiDuration(text: string): bigint | undefined {
  if (text.length === 0 || text.length > 64) return undefined;
  let total = 0n;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const match = PART.exec(text);
    if (match === null || match.index !== start) return undefined;
    const unit = UNIT_NANOS[match[3]!]!;
    const fraction = match[2] ?? "";
    if (match[1]!.length > 19 || fraction.length > 18) return undefined;
    total += BigInt(match[1]!) * unit;
    if (fraction.length > 0) total += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
  }
  return total;
}
