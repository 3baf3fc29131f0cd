import { SpanKind, StatusCode, bytesToHex } from "@skein/model";
import type { LogQuery } from "@skein/storage";
import { MemoryStorage, makeLog, makeSpan, spanIdOf, traceIdOf } from "@skein/storage/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOG_LOOKAHEAD_MS, LOG_LOOKBACK_MS, findExemplars } from "./alert-exemplars.js";
import type { AlertMeasurement } from "./alert-measure.js";
import type { AlertRule } from "./alert-rule.js";

const MIN = 60_000;
const NOW = 1_800_000_000_000 + 30_000;
const MS = 1_000_000n;
const WINDOW_START_MS = NOW - 30_000 - 4 * MIN;
const WINDOW_START_NS = BigInt(WINDOW_START_MS) * MS;
/** What a pass measured: the minutes from WINDOW_START to NOW's, at NOW. */
const measured = (requestKindsOnly = false): Pick<AlertMeasurement, "range" | "measuredAtMs" | "requestKindsOnly"> => ({
  range: { startUnixMs: WINDOW_START_MS, endUnixMs: NOW - 30_000 },
  measuredAtMs: NOW,
  requestKindsOnly,
});

let storage: MemoryStorage;
beforeEach(async () => {
  storage = new MemoryStorage();
  await storage.start();
});
afterEach(() => storage.shutdown());

function rule(overrides: Partial<AlertRule> = {}): AlertRule {
  return {
    id: "r1",
    name: "r",
    service: "checkout",
    operation: null,
    condition: { type: "error-rate", thresholdPercent: 5 },
    window: "5m",
    windowMs: 5 * MIN,
    minRequests: 1,
    webhookUrl: "http://127.0.0.1:9/",
    enabled: true,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

const url = (id: string) => `http://skein/trace/${id}`;
const error = { code: StatusCode.ERROR, message: "boom" };

describe("findExemplars", () => {
  it("picks the three newest traces with an ERROR span of the service in the window, with their error logs", async () => {
    const spans = [
      // Error traces 1–4 in the window (4 newest), 5 before the window.
      ...[1, 2, 3, 4].map((n) => makeSpan({ traceId: traceIdOf(n), service: "checkout", status: error, startTimeUnixNano: WINDOW_START_NS + BigInt(n) * 1_000_000_000n })),
      makeSpan({ traceId: traceIdOf(5), service: "checkout", status: error, startTimeUnixNano: WINDOW_START_NS - 1n }),
      // Trace 6 is newest but has no error on a checkout span (same-span semantics): an error elsewhere does not count.
      makeSpan({ traceId: traceIdOf(6), service: "checkout", startTimeUnixNano: WINDOW_START_NS + 9_000_000_000n }),
      makeSpan({ traceId: traceIdOf(6), service: "payments", status: error, startTimeUnixNano: WINDOW_START_NS + 9_000_000_000n }),
    ];
    await storage.traces.writer.writeSpans({ spans });
    const logs = [
      ...[1, 2, 3, 4, 5, 6].map((n) => makeLog({ traceId: traceIdOf(4), spanId: spanIdOf(n), severityNumber: 17, severityText: "ERROR", body: `failure ${n}`, timeUnixNano: WINDOW_START_NS + BigInt(n) })),
      makeLog({ traceId: traceIdOf(4), severityNumber: 13, severityText: "WARN", body: "just a warning", timeUnixNano: WINDOW_START_NS + 100n }),
      makeLog({ traceId: traceIdOf(3), severityNumber: 21, severityText: "", body: { reason: "fatal" }, timeUnixNano: WINDOW_START_NS }),
    ];
    await storage.logs.writer.writeLogs({ logs });

    const exemplars = await findExemplars(storage, rule(), measured(), url);
    expect(exemplars.map((e) => e.traceId)).toEqual([4, 3, 2].map((n) => bytesToHex(traceIdOf(n))));
    expect(exemplars[0]!.url).toBe(`http://skein/trace/${bytesToHex(traceIdOf(4))}`);
    expect(exemplars[0]!.errorLogs.map((l) => l.body)).toEqual(["failure 6", "failure 5", "failure 4", "failure 3", "failure 2"]);
    expect(exemplars[0]!.errorLogs[0]).toEqual({ timeUnixNano: String(WINDOW_START_NS + 6n), severityText: "ERROR", body: "failure 6", spanId: bytesToHex(spanIdOf(6)) });
    expect(exemplars[1]!.errorLogs).toEqual([{ timeUnixNano: String(WINDOW_START_NS), severityText: "FATAL", body: '{"reason":"fatal"}', spanId: null }]);
    expect(exemplars[2]!.errorLogs).toEqual([]);
  });

  it("for a latency rule picks traces with a span of the operation at least the effective threshold long", async () => {
    const at = WINDOW_START_NS + 1_000_000_000n;
    const span = (n: number, name: string, us: bigint) => makeSpan({ traceId: traceIdOf(n), service: "checkout", name, startTimeUnixNano: at + BigInt(n), endTimeUnixNano: at + BigInt(n) + us * 1000n });
    // "500ms" compares at the nearest latency bucket bound, 480.774216 ms.
    await storage.traces.writer.writeSpans({ spans: [span(1, "pay", 480_775n), span(2, "pay", 480_773n), span(3, "cart", 900_000n), span(4, "pay", 700_000n)] });
    const exemplars = await findExemplars(storage, rule({ operation: "pay", condition: { type: "latency", percentile: 99, threshold: "500ms" } }), measured(), url);
    expect(exemplars.map((e) => e.traceId)).toEqual([4, 1].map((n) => bytesToHex(traceIdOf(n))));
  });

  it("finds nothing when nothing matches", async () => {
    expect(await findExemplars(storage, rule({ service: "'; DROP TABLE spans; --" }), measured(), url)).toEqual([]);
  });

  it("picks spans of the measured population: SERVER and CONSUMER spans when the rule measured those", async () => {
    const at = (n: number) => WINDOW_START_NS + BigInt(n) * 1_000_000_000n;
    await storage.traces.writer.writeSpans({
      spans: [
        makeSpan({ traceId: traceIdOf(1), service: "checkout", kind: SpanKind.SERVER, status: error, startTimeUnixNano: at(1) }),
        makeSpan({ traceId: traceIdOf(2), service: "checkout", kind: SpanKind.CONSUMER, status: error, startTimeUnixNano: at(2) }),
        // Newest, but a client span: the rule's error rate counted only server and consumer spans.
        makeSpan({ traceId: traceIdOf(3), service: "checkout", kind: SpanKind.CLIENT, status: error, startTimeUnixNano: at(3) }),
      ],
    });
    expect((await findExemplars(storage, rule(), measured(true), url)).map((e) => e.traceId)).toEqual([2, 1].map((n) => bytesToHex(traceIdOf(n))));
    // A service without server or consumer spans is measured over all its spans, and so are its exemplars.
    expect((await findExemplars(storage, rule(), measured(false), url)).map((e) => e.traceId)).toEqual([3, 2, 1].map((n) => bytesToHex(traceIdOf(n))));
  });

  it("bounds the error-log lookup in time: an hour before the window to 5 minutes after the evaluation", async () => {
    await storage.traces.writer.writeSpans({ spans: [makeSpan({ traceId: traceIdOf(1), service: "checkout", status: error, startTimeUnixNano: WINDOW_START_NS })] });
    const queries: LogQuery[] = [];
    const findLogs = storage.logs.reader.findLogs.bind(storage.logs.reader);
    storage.logs.reader.findLogs = (query, signal) => {
      queries.push(query);
      return findLogs(query, signal);
    };
    await findExemplars(storage, rule(), measured(), url);
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatchObject({
      traceId: traceIdOf(1),
      startTimeMinUnixNano: BigInt(WINDOW_START_MS - LOG_LOOKBACK_MS) * MS,
      startTimeMaxUnixNano: BigInt(NOW + LOG_LOOKAHEAD_MS) * MS,
    });
    expect(LOG_LOOKBACK_MS).toBe(3_600_000);
    expect(LOG_LOOKAHEAD_MS).toBe(300_000);
  });
});
