import { pino } from "pino";
import type { LogBatch, SpanBatch } from "@skein/model";
import type { ReceiverDeps } from "../../receiver-options.js";
import type { ReceiverTelemetry, RejectReason, Signal } from "../../receiver-telemetry.js";
import { SinkConsumer } from "../../../pipeline/testing/sink-consumer.js";

/** Every telemetry call, in order, as plain tuples (easy to assert with toContainEqual). */
export type TelemetryCall =
  | ["itemsReceived" | "itemsAccepted", string, Signal, number]
  | ["itemsRejected", string, Signal, RejectReason, number]
  | ["requestRejected", string, Signal, RejectReason]
  | ["requestDuration", string, Signal, "ok" | "error"];

/** Deps for a receiver under test: recording consumers, telemetry and warn-or-higher log lines. */
export interface Harness {
  deps: ReceiverDeps;
  traces: SinkConsumer<SpanBatch>;
  logs: SinkConsumer<LogBatch>;
  telemetry: TelemetryCall[];
  /** Parsed pino lines at warn or above. */
  logLines: Record<string, unknown>[];
}

export function createHarness(): Harness {
  const traces = new SinkConsumer<SpanBatch>();
  const logs = new SinkConsumer<LogBatch>();
  const calls: TelemetryCall[] = [];
  const logLines: Record<string, unknown>[] = [];
  const telemetry: ReceiverTelemetry = {
    itemsReceived: (r, s, n) => void calls.push(["itemsReceived", r, s, n]),
    itemsAccepted: (r, s, n) => void calls.push(["itemsAccepted", r, s, n]),
    itemsRejected: (r, s, reason, n) => void calls.push(["itemsRejected", r, s, reason, n]),
    requestRejected: (r, s, reason) => void calls.push(["requestRejected", r, s, reason]),
    requestDuration: (r, s, seconds, outcome) => {
      if (!(seconds >= 0)) throw new Error(`negative duration ${seconds}`);
      calls.push(["requestDuration", r, s, outcome]);
    },
  };
  const logger = pino({ level: "warn" }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  return { deps: { traces, logs, telemetry, logger }, traces, logs, telemetry: calls, logLines };
}
