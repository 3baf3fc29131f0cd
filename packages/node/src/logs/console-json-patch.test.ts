import { bytesToHex } from "@skein/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OtlpCaptureServer } from "../testdata/otlp-capture-server.js";
import { FixtureProcess } from "../testdata/run-fixture.js";

// testdata/console-json.mjs run with the BUILT package (`npx tsc -b packages/node` first).
describe("SKEIN_CONSOLE_JSON=1", () => {
  let capture: OtlpCaptureServer;
  let app: FixtureProcess;

  beforeAll(async () => {
    capture = await OtlpCaptureServer.start();
    app = FixtureProcess.run("console-json.mjs", {
      nodeArgs: ["--import", "@skein/node/register"],
      env: { SKEIN_CONSOLE_JSON: "1", OTEL_EXPORTER_OTLP_ENDPOINT: capture.url, OTEL_SERVICE_NAME: "console", OTEL_BLRP_SCHEDULE_DELAY: "100" },
    });
    expect(await app.exited).toEqual({ code: 0, signal: null });
  });
  afterAll(async () => {
    app.kill();
    await capture.close();
  });

  const lines = (text: string): Array<Record<string, unknown>> =>
    text
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it("writes log/info as JSON lines on stdout, with the span's ids inside a span only", async () => {
    const span = await capture.waitFor("the checkout span", () => capture.spans.find((s) => s.name === "checkout"));
    const ids = { trace_id: bytesToHex(span.traceId), span_id: bytesToHex(span.spanId), trace_flags: "01" };
    const out = lines(app.stdout);
    expect(out.map((l) => [l.level, l.msg])).toEqual([
      ["info", "before any span"],
      ["info", "order A1 has 3 items"],
      ["info", "{ step: 'pay' }"],
    ]);
    expect(out[0]).not.toHaveProperty("trace_id");
    expect(out[1]).toMatchObject(ids);
    expect(out[2]).toMatchObject(ids);
    expect(typeof out[0]!.time).toBe("string");
    expect(Date.parse(out[0]!.time as string)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("writes warn/error on stderr, keeping an Error's stack", () => {
    const err = lines(app.stderr);
    expect(err.map((l) => [l.level, l.msg])).toEqual([
      ["error", "payment failed: TypeError: card declined"],
      ["warn", "after the span"],
    ]);
    expect(err[0]).toHaveProperty("trace_id");
    expect(err[0]!.err).toMatchObject({ type: "TypeError", message: "card declined" });
    expect((err[0]!.err as { stack: string }).stack).toContain("console-json.mjs");
    expect(err[1]).not.toHaveProperty("trace_id");
  });

  it("exports every console call as an OTLP log record, correlated like the line", async () => {
    const span = await capture.waitFor("the checkout span", () => capture.spans.find((s) => s.name === "checkout"));
    const records = await capture.waitFor("5 console records", () => (capture.logs.length >= 5 ? capture.logs : undefined));
    expect(records.map((r) => [r.severityText, r.body])).toEqual([
      ["INFO", "before any span"],
      ["INFO", "order A1 has 3 items"],
      ["INFO", "{ step: 'pay' }"],
      ["ERROR", "payment failed: TypeError: card declined"],
      ["WARN", "after the span"],
    ]);
    expect(records[0]!.traceId).toBeNull();
    expect(bytesToHex(records[3]!.spanId!)).toBe(bytesToHex(span.spanId));
    expect(records[3]!.attributes).toMatchObject({ "exception.type": "TypeError", "exception.message": "card declined" });
    expect(records[3]!.scope.name).toBe("@skein/node/console");
  });
});
