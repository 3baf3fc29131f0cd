import { parseApiDuration } from "@skein/model";
import { InvalidParameterError } from "./errors.js";

const MAX_NANOS = (1n << 63n) - 1n;

/**
 * Parses a duration parameter (`250ms`, `1.5s`, `1m30s`, `100us`, `10ns`; see parseApiDuration)
 * into exact nanoseconds. Throws InvalidParameterError naming `name` on bad syntax or a value
 * beyond 2^63−1 ns.
 */
export function parseDurationParam(name: string, text: string): bigint {
  const nanos = parseApiDuration(text);
  if (nanos === undefined) {
    throw new InvalidParameterError(`${name} must be a duration with a unit, such as 250ms, 1.5s, 2m, 100us or 10ns; got ${JSON.stringify(text.slice(0, 64))}`);
  }
  if (nanos > MAX_NANOS) throw new InvalidParameterError(`${name} is too large; the longest duration is about 292 years`);
  return nanos;
}
