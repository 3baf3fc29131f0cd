import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { describe, expect, it } from "vitest";
import { OutageReportingExporter, type BatchExporter, type OutageOptions } from "./outage-reporting-exporter.js";

/** An exporter whose next results are scripted; answers synchronously. */
class ScriptedExporter implements BatchExporter<string> {
  readonly batches: string[][] = [];
  constructor(private readonly results: ExportResult[]) {}
  export(items: string[], done: (result: ExportResult) => void): void {
    this.batches.push(items);
    done(this.results.shift() ?? { code: ExportResultCode.SUCCESS });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4318"), { code: "ECONNREFUSED" });
const failed: ExportResult = { code: ExportResultCode.FAILED, error: refused };
const ok: ExportResult = { code: ExportResultCode.SUCCESS };
const URL = "http://localhost:4318/v1/traces";

/** An exporter over `inner` with a manual clock and scripted probe answers. */
function setUp(inner: ScriptedExporter, probeAnswers: boolean[] = []) {
  const reports: string[] = [];
  const probes: string[] = [];
  const clock = { ms: 0 };
  const options: OutageOptions = {
    report: (m) => reports.push(m),
    probe: async (url) => {
      probes.push(url);
      return probeAnswers.shift() ?? false;
    },
    probeIntervalMs: 1_000,
    now: () => clock.ms,
  };
  const exporter = new OutageReportingExporter(inner, "spans", URL, options);
  const results: ExportResult[] = [];
  const send = (batch: string): void => exporter.export([batch], (result) => results.push(result));
  return { exporter, reports, probes, clock, results, send };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("OutageReportingExporter", () => {
  it("reports an outage once, drops batches without calling the exporter, and acknowledges every batch", () => {
    const inner = new ScriptedExporter([failed]);
    const { reports, results, send } = setUp(inner);
    for (let i = 0; i < 5; i++) send(`batch ${i}`);
    expect(inner.batches).toEqual([["batch 0"]]);
    expect(results).toHaveLength(5);
    expect(results.every((result) => result.code === ExportResultCode.SUCCESS)).toBe(true);
    expect(reports).toEqual([
      `could not export spans to ${URL} (connect ECONNREFUSED 127.0.0.1:4318). Spans are dropped until it answers; ` +
        "the app is not affected. Is Skein running there? Set OTEL_EXPORTER_OTLP_ENDPOINT to its OTLP/HTTP address.",
    ]);
  });

  it("probes at most once per interval, only when batches arrive, and sends one trial batch after a positive probe", async () => {
    const inner = new ScriptedExporter([failed, ok]);
    const { reports, probes, clock, send } = setUp(inner, [false, true]);
    send("first");
    send("dropped before the interval");
    await settle();
    expect(probes).toEqual([]);
    clock.ms = 1_000;
    send("dropped, starts probe 1 (down)");
    send("dropped while probing");
    await settle();
    expect(probes).toEqual([URL]);
    clock.ms = 1_500;
    send("dropped: probe 1 was 500 ms ago");
    await settle();
    expect(probes).toHaveLength(1);
    clock.ms = 2_000;
    send("dropped, starts probe 2 (up)");
    await settle();
    send("trial");
    send("after recovery");
    expect(inner.batches).toEqual([["first"], ["trial"], ["after recovery"]]);
    expect(reports[1]).toBe(`exporting spans to ${URL} works again (6 spans were dropped meanwhile).`);
  });

  it("a failed trial keeps the outage without reporting it again", async () => {
    const inner = new ScriptedExporter([failed, { code: ExportResultCode.FAILED }]);
    const { reports, clock, send } = setUp(inner, [true]);
    send("first");
    clock.ms = 1_000;
    send("starts the probe");
    await settle();
    send("trial");
    send("dropped again");
    expect(inner.batches).toEqual([["first"], ["trial"]]);
    expect(reports).toHaveLength(1);
  });

  it("reports a new outage after a recovery, naming an unknown error as such", async () => {
    const inner = new ScriptedExporter([ok, failed, ok, { code: ExportResultCode.FAILED }]);
    const { reports, clock, send } = setUp(inner, [true]);
    send("ok");
    send("fails");
    clock.ms = 1_000;
    send("dropped, probe says up");
    await settle();
    send("trial, ok");
    send("fails again");
    expect(reports).toHaveLength(3);
    expect(reports[0]).toContain("could not export spans");
    expect(reports[1]).toContain("works again (2 spans were dropped meanwhile)");
    expect(reports[2]).toContain("(unknown error)");
  });

  it("after shutdown starts neither exports nor probes", async () => {
    const inner = new ScriptedExporter([failed]);
    const { exporter, probes, clock, results, send } = setUp(inner, [true]);
    send("first");
    await exporter.shutdown();
    clock.ms = 10_000;
    send("after shutdown");
    await settle();
    expect(inner.batches).toEqual([["first"]]);
    expect(probes).toEqual([]);
    expect(results[1]?.code).toBe(ExportResultCode.FAILED);
  });
});
