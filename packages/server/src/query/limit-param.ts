import { InvalidParameterError } from "./errors.js";

/**
 * Parses `limit`: a decimal integer from 1 to `max`; `defaultValue` when absent. Anything else
 * (0, negative, exponent notation, beyond max) is refused rather than clamped, so a client
 * learns the bound instead of silently getting fewer results than asked.
 */
export function parseLimitParam(text: string | undefined, limits: { default: number; max: number }): number {
  if (text === undefined) return limits.default;
  const value = /^[0-9]{1,12}$/.test(text) ? Number(text) : NaN;
  if (!(value >= 1 && value <= limits.max)) {
    throw new InvalidParameterError(`limit must be an integer from 1 to ${limits.max}; got ${JSON.stringify(text.slice(0, 64))}`);
  }
  return value;
}
