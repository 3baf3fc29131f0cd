import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { describe, expect, it } from "vitest";
import { OutageReportingExporter, type BatchExporter } from "./outage-reporting-exporter.js";

/** An exporter whose next results are scripted. */
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

function exportAll(exporter: OutageReportingExporter<string>, count: number): ExportResult[] {
  const results: ExportResult[] = [];
  for (let i = 0; i < count; i++) exporter.export([`batch ${i}`], (result) => results.push(result));
  return results;
}

describe("OutageReportingExporter", () => {
  it("reports an outage once, not per batch, and reports the recovery", () => {
    const reports: string[] = [];
    const inner = new ScriptedExporter([failed, failed, failed, ok, ok]);
    const exporter = new OutageReportingExporter(inner, "spans", "http://localhost:4318/v1/traces", (m) => reports.push(m));
    const results = exportAll(exporter, 5);
    expect(inner.batches).toHaveLength(5);
    expect(results.every((result) => result.code === ExportResultCode.SUCCESS)).toBe(true);
    expect(reports).toEqual([
      "could not export spans to http://localhost:4318/v1/traces (connect ECONNREFUSED 127.0.0.1:4318). Spans are dropped until it answers; " +
        "the app is not affected. Is Skein running there? Set OTEL_EXPORTER_OTLP_ENDPOINT to its OTLP/HTTP address.",
      "exporting spans to http://localhost:4318/v1/traces works again.",
    ]);
  });

  it("reports a new outage after a recovery, and says nothing while all is well", () => {
    const reports: string[] = [];
    const inner = new ScriptedExporter([ok, failed, ok, { code: ExportResultCode.FAILED }]);
    exportAll(new OutageReportingExporter(inner, "log records", "http://x/v1/logs", (m) => reports.push(m)), 4);
    expect(reports).toHaveLength(3);
    expect(reports[0]).toContain("could not export log records");
    expect(reports[2]).toContain("(unknown error)");
  });
});
