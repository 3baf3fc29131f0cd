import { readFileSync } from "node:fs";
import { decodeOtlpLogsJson, decodeOtlpTracesJson, encodeOtlpLogsProto, encodeOtlpTracesProto } from "@skein/model";

/** OTLP/JSON fixtures of this folder, and OTLP protobuf requests built from them. */
export type FixtureName = "traces" | "traces-invalid-ids" | "logs" | "logs-invalid-ids";

export function fixtureJson(name: FixtureName): string {
  return readFileSync(new URL(`./${name}.json`, import.meta.url), "utf8");
}

/** traces.json (2 spans) or logs.json (2 records) as protobuf. */
export function fixtureProto(name: "traces" | "logs"): Uint8Array {
  const text = fixtureJson(name);
  return name === "traces" ? encodeOtlpTracesProto(decodeOtlpTracesJson(text).batch.spans) : encodeOtlpLogsProto(decodeOtlpLogsJson(text).batch.logs);
}

/**
 * The 2 spans of traces.json plus 2 invalid copies (all-zero span id, all-zero trace id): the
 * decoder must accept 2 and reject 2.
 */
export function invalidIdsTracesProto(): Uint8Array {
  const spans = decodeOtlpTracesJson(fixtureJson("traces")).batch.spans;
  const [first] = spans;
  if (first === undefined) throw new Error("traces.json has no spans");
  return encodeOtlpTracesProto([...spans, { ...first, spanId: new Uint8Array(8) }, { ...first, traceId: new Uint8Array(16) }]);
}

/** The 2 records of logs.json plus one whose trace id has 4 bytes: 2 accepted, 1 rejected. */
export function invalidIdsLogsProto(): Uint8Array {
  const logs = decodeOtlpLogsJson(fixtureJson("logs")).batch.logs;
  const [first] = logs;
  if (first === undefined) throw new Error("logs.json has no records");
  return encodeOtlpLogsProto([...logs, { ...first, traceId: Uint8Array.of(1, 2, 3, 4) }]);
}
