import { describe, expect, it } from "vitest";
import { decodeOtlpLogsJson, decodeOtlpTracesJson } from "./index.js";
import { id } from "./testdata/sample-telemetry.js";

const TRACE = "5B8EFFF798038103D269B633813FC60C";
const SPAN = "EEE19B7EC3C1B174";

describe("OTLP/JSON input variants", () => {
  it("accepts snake_case keys, enum names, int64 as numbers, upper-case hex and ignores unknown fields", () => {
    const text = JSON.stringify({
      resource_spans: [
        {
          resource: { attributes: [{ key: "service.name", value: { string_value: "api" } }], dropped_attributes_count: "2" },
          schema_url: "s1",
          unknownField: { anything: [1, 2] },
          scope_spans: [
            {
              scope: { name: "lib", version: "9" },
              schema_url: "s2",
              spans: [
                {
                  trace_id: TRACE,
                  span_id: SPAN,
                  parent_span_id: "",
                  name: "GET /",
                  kind: "SPAN_KIND_SERVER",
                  start_time_unix_nano: 1700000000000000000,
                  end_time_unix_nano: "1700000000000000123",
                  attributes: [
                    { key: "i", value: { int_value: 42 } },
                    { key: "d", value: { double_value: "NaN" } },
                    { key: "b", value: { bytes_value: "-_8" } },
                    { key: "a", value: { array_value: { values: [{ bool_value: true }, {}] } } },
                    { key: "k", value: { kvlist_value: { values: [{ key: "x", value: { intValue: "-5" } }] } } },
                  ],
                  status: { code: "STATUS_CODE_ERROR", message: "bad" },
                  events: [{ time_unix_nano: "5", name: "e" }],
                  links: [{ trace_id: TRACE.toLowerCase(), span_id: SPAN, flags: 257 }],
                  flags: 1,
                  extra: true,
                },
              ],
            },
          ],
        },
      ],
    });
    const { batch, rejected } = decodeOtlpTracesJson(text);
    expect(rejected).toEqual([]);
    const span = batch.spans[0]!;
    expect(Buffer.from(span.traceId).toString("hex")).toBe(TRACE.toLowerCase());
    expect(Buffer.from(span.spanId).toString("hex")).toBe(SPAN.toLowerCase());
    expect(span.parentSpanId).toBeNull();
    expect(span.kind).toBe(2);
    expect(span.startTimeUnixNano).toBe(1700000000000000000n);
    expect(span.endTimeUnixNano).toBe(1700000000000000123n);
    expect(span.status).toEqual({ code: 2, message: "bad" });
    expect(span.service).toBe("api");
    expect(span.resource.droppedAttributesCount).toBe(2);
    expect(span.resource.schemaUrl).toBe("s1");
    expect(span.scope).toMatchObject({ name: "lib", version: "9", schemaUrl: "s2" });
    expect(span.attributes["i"]).toBe(42n);
    expect(span.attributes["d"]).toBeNaN();
    expect(span.attributes["b"]).toEqual(new Uint8Array([0xfb, 0xff]));
    expect(span.attributes["a"]).toEqual([true, null]);
    expect(span.attributes["k"]).toEqual(Object.assign(Object.create(null), { x: -5n }));
    expect(span.events).toEqual([{ timeUnixNano: 5n, name: "e", attributes: Object.create(null), droppedAttributesCount: 0 }]);
    expect(span.links[0]!.flags).toBe(257);
    expect(span.links[0]!.traceId).toEqual(span.traceId);
    expect(span.flags).toBe(1);
    expect(span.sampleWeight).toBe(1);
  });

  it("decodes missing resource and scope to empty ones and null fields to defaults", () => {
    const text = `{"resourceSpans":[{"resource":null,"scopeSpans":[{"spans":[{"traceId":"${TRACE}","spanId":"${SPAN}","name":null,"kind":null,"status":null,"attributes":null}]}]}]}`;
    const span = decodeOtlpTracesJson(text).batch.spans[0]!;
    expect(span.resource).toEqual({ attributes: Object.create(null), droppedAttributesCount: 0, schemaUrl: "" });
    expect(span.scope).toEqual({ name: "", version: "", attributes: Object.create(null), droppedAttributesCount: 0, schemaUrl: "" });
    expect(span.service).toBe("unknown_service");
    expect(span).toMatchObject({ name: "", kind: 0, status: { code: 0, message: "" }, startTimeUnixNano: 0n });
  });

  it("decodes log records with severity names, event names and every body type", () => {
    const text = JSON.stringify({
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                { timeUnixNano: "1", observedTimeUnixNano: "2", severityNumber: "SEVERITY_NUMBER_WARN2", severityText: "W", body: { kvlistValue: { values: [{ key: "m", value: { stringValue: "x" } }] } }, eventName: "ev", traceId: id(16, 1).reduce((s, b) => s + b.toString(16).padStart(2, "0"), ""), spanId: "0000000000000000", flags: 1 },
                { severity_number: 21, body: { intValue: "-9223372036854775808" } },
              ],
            },
          ],
        },
      ],
    });
    const { batch } = decodeOtlpLogsJson(text);
    expect(batch.logs[0]).toMatchObject({ timeUnixNano: 1n, observedTimeUnixNano: 2n, severityNumber: 14, severityText: "W", eventName: "ev", traceId: id(16, 1), spanId: null, flags: 1 });
    expect(batch.logs[0]!.body).toEqual(Object.assign(Object.create(null), { m: "x" }));
    expect(batch.logs[1]).toMatchObject({ severityNumber: 21, body: -(2n ** 63n), traceId: null });
  });
});
