import { InvalidParameterError } from "./errors.js";

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
const MAX_NANOS = (1n << 63n) - 1n;

/**
 * Parses a Go/Jaeger-style duration into exact nanoseconds: `250ms`, `1.5s`, `1m30s`, `100us`
 * (or `µs`), `10ns`. A unit is required: a bare number is refused rather than guessed (Jaeger and
 * Tempo also require one). Fractions below 1 ns truncate, as Go's time.ParseDuration does.
 * Throws InvalidParameterError naming `name` on bad syntax or a value beyond 2^63−1 ns.
 */
export function parseDurationParam(name: string, text: string): bigint {
  const problem = () =>
    new InvalidParameterError(`${name} must be a duration with a unit, such as 250ms, 1.5s, 2m, 100us or 10ns; got ${JSON.stringify(text.slice(0, 64))}`);
  if (text.length === 0 || text.length > 64) throw problem();
  let total = 0n;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const match = PART.exec(text);
    if (match === null || match.index !== start) throw problem();
    const unit = UNIT_NANOS[match[3]!]!;
    const fraction = match[2] ?? "";
    if (match[1]!.length > 19 || fraction.length > 18) throw problem();
    total += BigInt(match[1]!) * unit;
    if (fraction.length > 0) total += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
    if (total > MAX_NANOS) throw new InvalidParameterError(`${name} is too large; the longest duration is about 292 years`);
  }
  return total;
}
