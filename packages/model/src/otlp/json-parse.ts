import { OtlpDecodeError } from "../errors.js";
import { asObject } from "./json-reader.js";
import type { JsonObject } from "./json-reader.js";

/** JSON.parse of a whole OTLP/JSON request; anything but a JSON object throws OtlpDecodeError. */
export function parseOtlpJson(text: string, what: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new OtlpDecodeError(`${what} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const o = asObject(parsed, what);
  if (o === undefined) throw new OtlpDecodeError(`${what}: expected an object`);
  return o;
}

/**
 * Runs a JSON decoder so that a payload nested deeply enough to overflow the stack is a decode
 * error (400) like any other malformed payload, not an unexpected exception.
 */
export function decodingJson<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof RangeError) throw new OtlpDecodeError(`malformed OTLP/JSON ${what}: values are nested too deeply`, { cause: error });
    throw error;
  }
}
