import { ProtobufLogsSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { describe, expect, it } from "vitest";
import { encodeExportResponseProto } from "./index.js";

describe("encodeExportResponseProto", () => {
  it("is the empty message on full success", () => {
    expect(encodeExportResponseProto(0, "")).toEqual(new Uint8Array(0));
    expect(ProtobufTraceSerializer.deserializeResponse(encodeExportResponseProto(0, ""))).toEqual({});
  });

  it("carries the rejected count and message, readable as a trace and as a logs response", () => {
    const bytes = encodeExportResponseProto(3, "span 0 of resourceSpans[0].scopeSpans[0]: trace id must not be all zero");
    expect(Buffer.from(bytes).subarray(0, 4).toString("hex")).toBe("0a4b0803");
    const trace = ProtobufTraceSerializer.deserializeResponse(bytes) as { partialSuccess?: { rejectedSpans?: unknown; errorMessage?: string } };
    expect(Number(trace.partialSuccess?.rejectedSpans)).toBe(3);
    expect(trace.partialSuccess?.errorMessage).toBe("span 0 of resourceSpans[0].scopeSpans[0]: trace id must not be all zero");
    const logs = ProtobufLogsSerializer.deserializeResponse(encodeExportResponseProto(2, "")) as { partialSuccess?: { rejectedLogRecords?: unknown } };
    expect(Number(logs.partialSuccess?.rejectedLogRecords)).toBe(2);
  });
});
