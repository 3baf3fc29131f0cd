/**
 * What the server must return for a value the SDK sent, in both API formats. The SDK's encoding
 * rules (otlp-transformer toAnyValue): integer numbers → intValue, other numbers → doubleValue,
 * Uint8Array → bytesValue, arrays → arrayValue, plain objects → kvlistValue.
 */
export type SdkValue = string | number | boolean | Uint8Array | null | undefined | SdkValue[] | { [key: string]: SdkValue };
export type SdkAttributes = Record<string, SdkValue>;

/** OTLP/JSON AnyValue: int64 as a decimal string, bytes as base64 (DESIGN §6). */
export function otlpValue(value: SdkValue): Record<string, unknown> {
  if (typeof value === "string") return { stringValue: value };
  if (typeof value === "boolean") return { boolValue: value };
  if (typeof value === "number") return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (value instanceof Uint8Array) return { bytesValue: Buffer.from(value).toString("base64") };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(otlpValue) } };
  if (value === null || value === undefined) return {};
  return { kvlistValue: { values: Object.entries(value).map(([key, v]) => ({ key, value: otlpValue(v) })) } };
}

/** Expected OTLP attributes as a key → AnyValue map (compare with `otlpAttributeMap`). */
export function otlpAttributes(attributes: SdkAttributes): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, otlpValue(v)]));
}

/** The native API's plain JSON (model anyValueToPlainJson): ints as numbers, bytes base64. */
export function plainValue(value: SdkValue): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(plainValue);
  if (value !== null && typeof value === "object") return plainAttributes(value);
  return value ?? null;
}

export function plainAttributes(attributes: SdkAttributes): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, plainValue(v)]));
}

/** An OTLP/JSON KeyValue list as a map, failing on duplicate keys (which OTLP forbids). */
export function otlpAttributeMap(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of (list ?? []) as { key: string; value: unknown }[]) {
    if (kv.key in out) throw new Error(`duplicate attribute key ${kv.key}`);
    out[kv.key] = normalizeOtlpValue(kv.value);
  }
  return out;
}

/** Drops an AnyValue's absent/default members so `{}` and `{"arrayValue":{}}` style variants compare. */
function normalizeOtlpValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const v = value as Record<string, unknown>;
  if ("arrayValue" in v) {
    const values = ((v.arrayValue as { values?: unknown[] } | undefined)?.values ?? []).map(normalizeOtlpValue);
    return { arrayValue: { values } };
  }
  if ("kvlistValue" in v) {
    const values = ((v.kvlistValue as { values?: { key: string; value: unknown }[] } | undefined)?.values ?? []).map((kv) => ({
      key: kv.key,
      value: normalizeOtlpValue(kv.value),
    }));
    return { kvlistValue: { values } };
  }
  return v;
}

/** An HrTime [seconds, nanos] as the exact decimal ns string the API must return. */
export function hrToNs(time: [number, number]): string {
  return (BigInt(time[0]) * 1_000_000_000n + BigInt(time[1])).toString();
}
