import { emptyAttributes } from "@skein/model";
import type { AnyValue, Attributes, KeyValueList } from "@skein/model";

/**
 * The stored form of attributes and AnyValues: JSON text that is lossless AND searchable by
 * DuckDB's json functions (see docs/adr/002-duckdb-schema.md).
 *
 * - string → JSON string; bool → true/false; empty → null;
 * - int (bigint) → a bare JSON integer when |v| ≤ 2^53 − 1, else {"i":"<decimal>"};
 * - double → {"d":<number>}, or {"d":"NaN"|"Infinity"|"-Infinity"|"-0"} when JSON has no spelling;
 * - bytes → {"b":"<base64>"}; array → {"a":[…]}; kvlist → {"k":{key: value, …}}.
 *
 * Every JSON object in value position is one of these one-key wrappers, so decoding is
 * unambiguous; a top-level attribute map is a plain JSON object keyed by the attribute keys, so
 * SQL reads a string attribute with `json_extract_string(col, '/key')` and an int with a cast.
 * Bare JSON numbers are always ints, which keeps JSON.parse exact on the read side.
 */
export function encodeAttributes(attributes: Attributes): string {
  let out = "{";
  let first = true;
  for (const key of Object.keys(attributes)) {
    if (!first) out += ",";
    first = false;
    out += JSON.stringify(key) + ":" + encodeValue(attributes[key]!);
  }
  return out + "}";
}

/**
 * The split form of an attribute map, used for span attributes: the keys as a JSON array of
 * strings and the values as a JSON array of typed-JSON values, in the same order. Spans of one
 * instrumentation share key lists, so the keys column compresses to a dictionary index and the
 * values column carries only values (about half the bytes of the object form after compression;
 * see docs/adr/002-duckdb-schema.md).
 */
export function encodeAttributeKeys(attributes: Attributes): string {
  return JSON.stringify(Object.keys(attributes));
}

export function encodeAttributeValues(attributes: Attributes): string {
  let out = "[";
  let first = true;
  for (const key of Object.keys(attributes)) {
    if (!first) out += ",";
    first = false;
    out += encodeValue(attributes[key]!);
  }
  return out + "]";
}

/** Inverse of encodeAttributeKeys + encodeAttributeValues. */
export function decodeSplitAttributes(keysText: string, valuesText: string): Attributes {
  const keys = JSON.parse(keysText) as string[];
  const values = JSON.parse(valuesText) as unknown[];
  const out = emptyAttributes();
  for (let i = 0; i < keys.length; i++) out[keys[i]!] = valueFromJson(values[i]);
  return out;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function encodeValue(value: AnyValue): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value <= MAX_SAFE && value >= -MAX_SAFE ? value.toString() : `{"i":"${value.toString()}"}`;
    case "number":
      return `{"d":${encodeDouble(value)}}`;
    default:
      if (value === null) return "null";
      if (value instanceof Uint8Array) return `{"b":"${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64")}"}`;
      if (Array.isArray(value)) return `{"a":[${value.map(encodeValue).join(",")}]}`;
      return `{"k":${encodeAttributes(value)}}`;
  }
}

function encodeDouble(value: number): string {
  if (Number.isFinite(value)) return Object.is(value, -0) ? '"-0"' : JSON.stringify(value);
  return `"${String(value)}"`;
}

/** Inverse of encodeAttributes. Maps come out with no prototype (hostile keys stay data). */
export function decodeAttributes(text: string): Attributes {
  return attributesFromJson(JSON.parse(text) as Record<string, unknown>);
}

export function decodeValue(text: string): AnyValue {
  return valueFromJson(JSON.parse(text));
}

export function attributesFromJson(json: Record<string, unknown>): Attributes {
  const out = emptyAttributes();
  for (const key of Object.keys(json)) out[key] = valueFromJson(json[key]);
  return out;
}

function valueFromJson(json: unknown): AnyValue {
  switch (typeof json) {
    case "string":
    case "boolean":
      return json;
    case "number":
      return BigInt(json);
    default: {
      if (json === null) return null;
      const wrapper = json as { i?: string; d?: number | string; b?: string; a?: unknown[]; k?: Record<string, unknown> };
      if (wrapper.i !== undefined) return BigInt(wrapper.i);
      if (wrapper.d !== undefined) return typeof wrapper.d === "number" ? wrapper.d : Number(wrapper.d);
      if (wrapper.b !== undefined) return new Uint8Array(Buffer.from(wrapper.b, "base64"));
      if (wrapper.a !== undefined) return wrapper.a.map(valueFromJson);
      if (wrapper.k !== undefined) return attributesFromJson(wrapper.k) as KeyValueList;
      throw new TypeError(`not a typed-json value: ${JSON.stringify(json).slice(0, 80)}`);
    }
  }
}
