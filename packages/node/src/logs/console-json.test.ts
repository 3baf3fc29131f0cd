import { TraceFlags, type SpanContext } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { consoleJsonLine, consoleMessage } from "./console-json.js";

const SPAN: SpanContext = { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", traceFlags: TraceFlags.SAMPLED };
const TIME = Date.UTC(2025, 0, 2, 3, 4, 5, 678);

describe("consoleMessage", () => {
  it("passes a single string through untouched", () => {
    const args = ["plain"];
    expect(consoleMessage(args)).toEqual({ msg: "plain", error: undefined });
  });

  it("formats several arguments like util.format", () => {
    expect(consoleMessage(["order %s took %d ms", "A1", 42, { ok: true }]).msg).toBe("order A1 took 42 ms { ok: true }");
    expect(consoleMessage([1, "two", [3]]).msg).toBe("1 two [ 3 ]");
    expect(consoleMessage([]).msg).toBe("");
  });

  it("shows an Error as Name: message and hands it out separately, without touching the caller's array", () => {
    const error = new TypeError("card declined");
    const args: unknown[] = ["payment failed:", error];
    const message = consoleMessage(args);
    expect(message.msg).toBe("payment failed: TypeError: card declined");
    expect(message.error).toBe(error);
    expect(args[1]).toBe(error);
  });
});

describe("consoleJsonLine", () => {
  it("writes time, level, msg and the span's ids, newline-terminated", () => {
    const line = consoleJsonLine(TIME, "info", { msg: 'say "hi"\n', error: undefined }, SPAN);
    expect(line.endsWith("}\n")).toBe(true);
    expect(Object.keys(JSON.parse(line))).toEqual(["time", "level", "msg", "trace_id", "span_id", "trace_flags"]);
    expect(JSON.parse(line)).toEqual({
      time: "2025-01-02T03:04:05.678Z",
      level: "info",
      msg: 'say "hi"\n',
      trace_id: SPAN.traceId,
      span_id: SPAN.spanId,
      trace_flags: "01",
    });
  });

  it("leaves the ids out outside a span and writes unsampled flags as 00", () => {
    expect(JSON.parse(consoleJsonLine(TIME, "debug", { msg: "x", error: undefined }, undefined))).toEqual({
      time: "2025-01-02T03:04:05.678Z",
      level: "debug",
      msg: "x",
    });
    const unsampled = { ...SPAN, traceFlags: TraceFlags.NONE };
    expect(JSON.parse(consoleJsonLine(TIME, "info", { msg: "x", error: undefined }, unsampled)).trace_flags).toBe("00");
  });

  it("keeps an Error's type, message and stack under err", () => {
    const error = new RangeError("too slow");
    const parsed = JSON.parse(consoleJsonLine(TIME, "error", consoleMessage([error]), SPAN)) as { msg: string; err: Record<string, string> };
    expect(parsed.msg).toBe("RangeError: too slow");
    expect(parsed.err).toEqual({ type: "RangeError", message: "too slow", stack: error.stack });
    expect(parsed.err.stack).toContain("console-json.test.ts");
  });
});
