import type { LogBatch, SpanBatch } from "@skein/model";
import type { Logger } from "pino";
import type { Consumer } from "../pipeline/consumer.js";
import type { ReceiverTelemetry } from "./receiver-telemetry.js";

/** What every receiver is built with by the composition root (main.ts). */
export interface ReceiverDeps {
  traces: Consumer<SpanBatch>;
  logs: Consumer<LogBatch>;
  telemetry: ReceiverTelemetry;
  logger: Logger;
}
