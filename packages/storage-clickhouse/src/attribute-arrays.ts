import { emptyAttributes } from "@skein/model";
import type { AnyValue, Attributes } from "@skein/model";
import { decodeValue, encodeValue } from "@skein/storage/stored-form";
import { AttributeType } from "./attribute-types.js";
import { tsvStringArray } from "./tsv-text.js";
import { wellFormed } from "./well-formed.js";

/**
 * Attributes as three parallel array columns (`*_keys`, `*_types`, `*_values`; no Map type on
 * 18.16). The value column holds text, by type code (attribute-types.ts):
 *   STRING the string · BOOL `true`/`false` · INT decimal Int64 · DOUBLE JS String(x) for finite
 *   values (`-0` for negative zero), `nan`, `inf`, `-inf` · BYTES base64 · ARRAY / KVLIST typed
 *   JSON (`encodeValue` of @skein/storage/stored-form) · EMPTY ``.
 * So SQL compares a string attribute as is and a number with toInt64OrZero/toFloat64OrZero
 * guarded by the type code, and decoding is exact. Keys and strings are made well-formed.
 */

/** The type code and value text of one attribute value. */
export function attributeValueText(value: AnyValue): [AttributeType, string] {
  switch (typeof value) {
    case "string":
      return [AttributeType.STRING, wellFormed(value)];
    case "boolean":
      return [AttributeType.BOOL, value ? "true" : "false"];
    case "bigint":
      return [AttributeType.INT, value.toString()];
    case "number":
      return [AttributeType.DOUBLE, doubleText(value)];
    default:
      if (value === null) return [AttributeType.EMPTY, ""];
      if (value instanceof Uint8Array) return [AttributeType.BYTES, Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64")];
      return [Array.isArray(value) ? AttributeType.ARRAY : AttributeType.KVLIST, encodeValue(value)];
  }
}

function doubleText(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  return Object.is(value, -0) ? "-0" : String(value);
}

function parseDouble(text: string): number {
  switch (text) {
    case "nan":
      return NaN;
    case "inf":
      return Infinity;
    case "-inf":
      return -Infinity;
    default:
      return Number(text);
  }
}

/** The three columns of an attribute map as TabSeparated fields (tsv-text.ts), ready to put in a row line. */
export interface AttributeArrayFields {
  keys: string;
  types: string;
  values: string;
}

export function encodeAttributeArrays(attributes: Attributes): AttributeArrayFields {
  const keys = Object.keys(attributes);
  if (keys.length === 0) return EMPTY;
  let types = "[";
  const values: string[] = [];
  for (const key of keys) {
    const [type, text] = attributeValueText(attributes[key]!);
    types += types.length === 1 ? type : `,${type}`;
    values.push(text);
  }
  return { keys: tsvStringArray(keys), types: types + "]", values: tsvStringArray(values) };
}

const EMPTY: AttributeArrayFields = Object.freeze({ keys: "[]", types: "[]", values: "[]" });

/** Inverse of attributeValueText. */
export function attributeValueFromText(type: number, text: string): AnyValue {
  switch (type) {
    case AttributeType.STRING:
      return text;
    case AttributeType.BOOL:
      return text === "true";
    case AttributeType.INT:
      return BigInt(text);
    case AttributeType.DOUBLE:
      return parseDouble(text);
    case AttributeType.BYTES:
      return new Uint8Array(Buffer.from(text, "base64"));
    case AttributeType.ARRAY:
    case AttributeType.KVLIST:
      return decodeValue(text);
    case AttributeType.EMPTY:
      return null;
    default:
      throw new TypeError(`unknown attribute type code ${type} in ClickHouse (written by a newer Skein?)`);
  }
}

/** Inverse of encodeAttributeArrays, from the selected array columns; the map has no prototype. */
export function decodeAttributeArrays(keys: readonly string[], types: readonly number[], values: readonly string[]): Attributes {
  const out = emptyAttributes();
  for (let i = 0; i < keys.length; i++) out[keys[i]!] = attributeValueFromText(types[i]!, values[i]!);
  return out;
}
