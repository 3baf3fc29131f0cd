import { describe, expect, it } from "vitest";
import { correlationProblems, medianNsPerLine, runLogCost } from "./sdk-log-cost.js";
import type { LogCostRun } from "./sdk-log-cost.js";

const line = (traceId?: string): string => JSON.stringify({ msg: "x", ...(traceId ? { trace_id: traceId } : {}) });
const logRun = (mode: LogCostRun["mode"], correlated: boolean, nsPerLine = [100]): LogCostRun =>
  ({ library: "pino", mode, lines: 1, nsPerLine, correlated, sampleLine: line(correlated ? "a".repeat(32) : undefined) });

describe("sdk log cost", () => {
  it("pools every round of every process of a mode", () => {
    const runs = [logRun("plain", false, [100, 300]), logRun("plain", false, [200]), logRun("correlate", true, [900])];
    expect(medianNsPerLine(runs, "pino", "plain")).toBe(200);
    expect(medianNsPerLine(runs, "pino", "correlate")).toBe(900);
  });

  it("reports runs whose lines contradict their mode", () => {
    expect(correlationProblems([logRun("plain", false), logRun("correlate", true), logRun("export", true)])).toEqual([]);
    const problems = correlationProblems([logRun("plain", true), logRun("correlate", false)]);
    expect(problems).toHaveLength(2);
    expect(problems[1]).toMatch(/pino correlate: last line lacks a trace_id/);
  });

  it("runs the real fixture: plain pino and winston lines carry no trace id", async () => {
    for (const library of ["pino", "winston"] as const) {
      const r = await runLogCost(library, "plain", 2_000, 2, "http://127.0.0.1:1");
      expect(r.nsPerLine).toHaveLength(2);
      expect(r.nsPerLine.every((ns) => ns > 0)).toBe(true);
      expect(r.correlated).toBe(false);
      expect(JSON.parse(r.sampleLine)).toMatchObject({ orderId: 1_999, total: 42.5 });
      expect(r.sampleLine).toContain("order priced");
    }
  });
});
