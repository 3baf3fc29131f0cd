/**
 * An OTLP AnyValue, kept with its exact type so that round trips are lossless and numeric
 * predicates work. The JS type is the tag:
 *   string → stringValue, boolean → boolValue, bigint → intValue (int64, exact beyond 2^53),
 *   number → doubleValue, Uint8Array → bytesValue, AnyValue[] → arrayValue,
 *   KeyValueList (a plain object) → kvlistValue, null → an empty AnyValue (no value set).
 */
export type AnyValue = string | boolean | bigint | number | Uint8Array | AnyValue[] | KeyValueList | null;

/** A kvlist value. Keys are unique; insertion order is kept. */
export interface KeyValueList {
  [key: string]: AnyValue;
}

/** Span, resource, scope, event, link and log attributes. Same shape as a kvlist value. */
export type Attributes = KeyValueList;

export type AnyValueType = "string" | "bool" | "int" | "double" | "bytes" | "array" | "kvlist" | "empty";

export function anyValueType(value: AnyValue): AnyValueType {
  switch (typeof value) {
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "number":
      return "double";
    default:
      if (value === null) return "empty";
      if (value instanceof Uint8Array) return "bytes";
      if (Array.isArray(value)) return "array";
      return "kvlist";
  }
}

/**
 * A fresh attribute map with no prototype, so hostile keys such as `__proto__` are plain data.
 */
export function emptyAttributes(): Attributes {
  return Object.create(null) as Attributes;
}

/** A readable, lossy string form of a value, for display and substring search. */
export function anyValueToDisplayString(value: AnyValue): string {
  switch (anyValueType(value)) {
    case "string":
      return value as string;
    case "empty":
      return "";
    case "bytes":
      return Buffer.from(value as Uint8Array).toString("base64");
    case "bool":
    case "int":
    case "double":
      return String(value);
    default:
      return JSON.stringify(anyValueToPlainJson(value));
  }
}

/** Plain JSON for the friendly API: ints as numbers when exact, else decimal strings; bytes base64. */
export type PlainJson = string | number | boolean | null | PlainJson[] | { [key: string]: PlainJson };

export function anyValueToPlainJson(value: AnyValue): PlainJson {
  switch (anyValueType(value)) {
    case "int": {
      const v = value as bigint;
      return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
    }
    case "double": {
      const v = value as number;
      return Number.isFinite(v) ? v : String(v);
    }
    case "bytes":
      return Buffer.from(value as Uint8Array).toString("base64");
    case "array":
      return (value as AnyValue[]).map(anyValueToPlainJson);
    case "kvlist":
      return attributesToPlainJson(value as KeyValueList);
    default:
      return value as string | boolean | null;
  }
}

export function attributesToPlainJson(attributes: Attributes): { [key: string]: PlainJson } {
  const out: { [key: string]: PlainJson } = Object.create(null) as { [key: string]: PlainJson };
  for (const key of Object.keys(attributes)) out[key] = anyValueToPlainJson(attributes[key]!);
  return out;
}
