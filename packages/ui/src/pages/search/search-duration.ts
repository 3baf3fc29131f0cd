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
 * Exact nanoseconds of a duration the way the API reads it (`250ms`, `1.5s`, `1m30s`; fractions
 * below 1 ns truncate, as the server and Go do), so the form can compare min and max before
 * sending. undefined when the text is not such a duration (the caller reports the syntax).
 */
export function durationNanos(text: string): bigint | undefined {
  if (text === "") return undefined;
  let total = 0n;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const match = PART.exec(text);
    if (match === null || match.index !== start) return undefined;
    const unit = UNIT_NANOS[match[3]!]!;
    const fraction = match[2] ?? "";
    total += BigInt(match[1]!) * unit;
    if (fraction !== "") total += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
  }
  return total;
}
