import { emptyAttributes } from "../any-value.js";
import type { AnyValue, Attributes, KeyValueList } from "../any-value.js";
import { bytesToHex } from "../ids.js";
import type { InstrumentationScope, Resource } from "../resource.js";
import { asArray, asBase64, asBool, asDouble, asInt64, asObject, asString, asUint32, field } from "./json-reader.js";
import type { JsonObject } from "./json-reader.js";
import type { OtlpJsonAnyValue, OtlpJsonKeyValue, OtlpJsonResource, OtlpJsonScope } from "./otlp-json-types.js";

/** AnyValue, attributes, resource and scope between OTLP/JSON and the model, both directions. */

export function jsonAttributes(v: unknown, where: string): Attributes {
  const out = emptyAttributes();
  const list = asArray(v, where);
  for (let i = 0; i < list.length; i++) {
    const kv = asObject(list[i], `${where}[${i}]`);
    if (kv === undefined) continue;
    out[asString(kv["key"], `${where}[${i}].key`)] = jsonAnyValue(kv["value"], `${where}[${i}].value`);
  }
  return out;
}

export function jsonAnyValue(v: unknown, where: string): AnyValue {
  const o = asObject(v, where);
  if (o === undefined) return null;
  let x: unknown;
  if ((x = field(o, "stringValue", "string_value")) != null) return asString(x, `${where}.stringValue`);
  if ((x = field(o, "intValue", "int_value")) != null) return asInt64(x, `${where}.intValue`);
  if ((x = field(o, "boolValue", "bool_value")) != null) return asBool(x, `${where}.boolValue`);
  if ((x = field(o, "doubleValue", "double_value")) != null) return asDouble(x, `${where}.doubleValue`);
  if ((x = field(o, "bytesValue", "bytes_value")) != null) return asBase64(x, `${where}.bytesValue`);
  if ((x = field(o, "arrayValue", "array_value")) != null) {
    const values = asArray(asObject(x, `${where}.arrayValue`)!["values"], `${where}.arrayValue.values`);
    return values.map((item, i) => jsonAnyValue(item, `${where}.arrayValue.values[${i}]`));
  }
  if ((x = field(o, "kvlistValue", "kvlist_value")) != null) {
    return jsonAttributes(asObject(x, `${where}.kvlistValue`)!["values"], `${where}.kvlistValue.values`);
  }
  return null;
}

/** The resource of a Resource{Spans,Logs} object `o` at `where` (missing → empty). */
export function jsonResource(o: JsonObject, where: string): Resource {
  const r = asObject(o["resource"], `${where}.resource`);
  return {
    attributes: r === undefined ? emptyAttributes() : jsonAttributes(r["attributes"], `${where}.resource.attributes`),
    droppedAttributesCount: r === undefined ? 0 : asUint32(field(r, "droppedAttributesCount", "dropped_attributes_count"), `${where}.resource.droppedAttributesCount`),
    schemaUrl: asString(field(o, "schemaUrl", "schema_url"), `${where}.schemaUrl`),
  };
}

/** The scope of a Scope{Spans,Logs} object `o` at `where` (missing → empty). */
export function jsonScope(o: JsonObject, where: string): InstrumentationScope {
  const s = asObject(o["scope"], `${where}.scope`) ?? {};
  return {
    name: asString(s["name"], `${where}.scope.name`),
    version: asString(s["version"], `${where}.scope.version`),
    attributes: jsonAttributes(s["attributes"], `${where}.scope.attributes`),
    droppedAttributesCount: asUint32(field(s, "droppedAttributesCount", "dropped_attributes_count"), `${where}.scope.droppedAttributesCount`),
    schemaUrl: asString(field(o, "schemaUrl", "schema_url"), `${where}.schemaUrl`),
  };
}

export function toJsonKeyValues(attributes: KeyValueList): OtlpJsonKeyValue[] {
  const out: OtlpJsonKeyValue[] = [];
  for (const key of Object.keys(attributes)) out.push({ key, value: toJsonAnyValue(attributes[key]!) });
  return out;
}

export function toJsonAnyValue(v: AnyValue): OtlpJsonAnyValue {
  switch (typeof v) {
    case "string":
      return { stringValue: v };
    case "boolean":
      return { boolValue: v };
    case "bigint":
      return { intValue: v.toString() };
    case "number":
      return { doubleValue: Number.isFinite(v) ? (Object.is(v, -0) ? "-0" : v) : String(v) };
    default:
      if (v === null) return {};
      if (v instanceof Uint8Array) return { bytesValue: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64") };
      if (Array.isArray(v)) return { arrayValue: { values: v.map(toJsonAnyValue) } };
      return { kvlistValue: { values: toJsonKeyValues(v) } };
  }
}

export function toJsonResource(resource: Resource): OtlpJsonResource {
  const out: OtlpJsonResource = { attributes: toJsonKeyValues(resource.attributes) };
  if (resource.droppedAttributesCount !== 0) out.droppedAttributesCount = resource.droppedAttributesCount;
  return out;
}

export function toJsonScope(scope: InstrumentationScope): OtlpJsonScope {
  const out: OtlpJsonScope = { name: scope.name };
  if (scope.version !== "") out.version = scope.version;
  if (Object.keys(scope.attributes).length > 0) out.attributes = toJsonKeyValues(scope.attributes);
  if (scope.droppedAttributesCount !== 0) out.droppedAttributesCount = scope.droppedAttributesCount;
  return out;
}

/** Lowercase hex of an id for OTLP/JSON. */
export const idToJson = bytesToHex;
