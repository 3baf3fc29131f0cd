import { emptyAttributes } from "../any-value.js";
import type { AnyValue, Attributes, KeyValueList } from "../any-value.js";
import { bigIntToLongBits, longToBigInt } from "./int64.js";
import type { LongBits } from "./int64.js";

/**
 * AnyValue / KeyValue conversion between protobufjs message objects and the model. Decoded
 * protobufjs messages hold the fields present on the wire as own properties (defaults live on the
 * prototype), which is how the set member of the `value` oneof is found.
 */
export interface PbKeyValue {
  key: string;
  value?: PbAnyValue | null;
}

export interface PbAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: unknown;
  doubleValue?: number;
  bytesValue?: Uint8Array;
  arrayValue?: { values: PbAnyValue[] } | null;
  kvlistValue?: { values: PbKeyValue[] } | null;
}

const has = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** Copies into a plain Uint8Array so values never alias (and keep alive) the request buffer. */
export function copyBytes(bytes: Uint8Array | undefined): Uint8Array {
  return bytes === undefined || bytes.length === 0 ? new Uint8Array(0) : new Uint8Array(bytes);
}

export function pbAttributes(kvs: readonly PbKeyValue[] | undefined | null): Attributes {
  const out = emptyAttributes();
  if (kvs) for (const kv of kvs) out[kv.key] = pbAnyValue(kv.value);
  return out;
}

export function pbAnyValue(v: PbAnyValue | null | undefined): AnyValue {
  if (v == null) return null;
  if (has(v, "stringValue")) return v.stringValue!;
  if (has(v, "intValue")) return longToBigInt(v.intValue, true);
  if (has(v, "boolValue")) return v.boolValue!;
  if (has(v, "doubleValue")) return v.doubleValue!;
  if (has(v, "bytesValue")) return copyBytes(v.bytesValue);
  if (has(v, "arrayValue")) return (v.arrayValue?.values ?? []).map(pbAnyValue);
  if (has(v, "kvlistValue")) return pbAttributes(v.kvlistValue?.values);
  return null;
}

/** Model → protobufjs input objects (what `Type.encode` accepts). */
export interface PbAnyValueInput {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: LongBits;
  doubleValue?: number;
  bytesValue?: Uint8Array;
  arrayValue?: { values: PbAnyValueInput[] };
  kvlistValue?: { values: PbKeyValueInput[] };
}

export interface PbKeyValueInput {
  key: string;
  value: PbAnyValueInput;
}

export function toPbKeyValues(attributes: KeyValueList): PbKeyValueInput[] {
  const out: PbKeyValueInput[] = [];
  for (const key of Object.keys(attributes)) out.push({ key, value: toPbAnyValue(attributes[key]!) });
  return out;
}

export function toPbAnyValue(v: AnyValue): PbAnyValueInput {
  switch (typeof v) {
    case "string":
      return { stringValue: v };
    case "boolean":
      return { boolValue: v };
    case "bigint":
      return { intValue: bigIntToLongBits(v, false) };
    case "number":
      return { doubleValue: v };
    default:
      if (v === null) return {};
      if (v instanceof Uint8Array) return { bytesValue: v };
      if (Array.isArray(v)) return { arrayValue: { values: v.map(toPbAnyValue) } };
      return { kvlistValue: { values: toPbKeyValues(v) } };
  }
}
