import type { FilterValue } from "@skein/storage";
import { InvalidParameterError } from "./errors.js";

/** Bounds on the `attributes` parameter, so one request cannot ask for an unbounded filter. */
export const MAX_ATTRIBUTE_CONDITIONS = 32;
const MAX_KEY_LENGTH = 256;
const MAX_VALUE_LENGTH = 1024;

const EXAMPLE = `such as {"http.request.method":"GET","http.response.status_code":500}`;

/**
 * Parses the `attributes` search parameter: a JSON object of attribute key → value. Strings match
 * string attributes; JSON integers become int64 (bigint) and other numbers doubles, and both match
 * int and double attributes numerically; booleans match bools. Nested objects, arrays, null,
 * integers beyond ±2^53 (JSON cannot carry them exactly) and non-finite numbers are refused with
 * InvalidParameterError. Returns the pairs in the object's order.
 */
export function parseAttributesParam(text: string): [key: string, value: FilterValue][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidParameterError(`attributes must be a JSON object ${EXAMPLE}: ${(error as Error).message.slice(0, 200)}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new InvalidParameterError(`attributes must be a JSON object ${EXAMPLE}`);
  }
  const entries = Object.entries(parsed);
  if (entries.length > MAX_ATTRIBUTE_CONDITIONS) {
    throw new InvalidParameterError(`attributes may hold at most ${MAX_ATTRIBUTE_CONDITIONS} keys; got ${entries.length}`);
  }
  return entries.map(([key, value]) => [checkKey(key), toFilterValue(key, value)]);
}

function checkKey(key: string): string {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new InvalidParameterError(`attribute keys must be 1 to ${MAX_KEY_LENGTH} characters long`);
  }
  return key;
}

function toFilterValue(key: string, value: unknown): FilterValue {
  const where = `attribute ${JSON.stringify(key.slice(0, 64))}`;
  switch (typeof value) {
    case "string":
      if (value.length > MAX_VALUE_LENGTH) throw new InvalidParameterError(`${where}: string values may be at most ${MAX_VALUE_LENGTH} characters`);
      return value;
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new InvalidParameterError(`${where}: the number is out of range`);
      if (!Number.isInteger(value)) return value;
      if (!Number.isSafeInteger(value)) {
        throw new InvalidParameterError(`${where}: integers beyond ±2^53 cannot be matched exactly through JSON; use TraceQL for such values`);
      }
      return BigInt(value);
    default:
      throw new InvalidParameterError(`${where}: values must be a string, number or boolean (not an object, array or null)`);
  }
}
