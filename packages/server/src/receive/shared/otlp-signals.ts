import {
  decodeOtlpLogsJson,
  decodeOtlpLogsProto,
  decodeOtlpTracesJson,
  decodeOtlpTracesProto,
  type LogBatch,
  type Rejection,
  type SpanBatch,
} from "@skein/model";
import type { Consumer } from "../../pipeline/consumer.js";
import type { ReceiverDeps } from "../receiver-options.js";
import type { Signal } from "../receiver-telemetry.js";

/** A decoded export request: accepted items in `batch`, invalid ones (e.g. bad ids) in `rejected`. */
export interface Decoded<B> {
  batch: B;
  rejected: Rejection[];
}

/**
 * What differs between the trace and the log export of OTLP; everything else (limits, status
 * mapping, acknowledgement) is shared by the receivers. The decoders throw OtlpDecodeError for a
 * malformed payload.
 */
export interface OtlpSignal<B> {
  readonly name: Signal;
  /** Plural noun for messages: "spans", "log records". */
  readonly itemNoun: string;
  /** Field of Export*PartialSuccess in OTLP/JSON: "rejectedSpans" / "rejectedLogRecords". */
  readonly jsonRejectedField: string;
  decodeProto(bytes: Uint8Array): Decoded<B>;
  decodeJson(text: string): Decoded<B>;
  count(batch: B): number;
  consumer(deps: ReceiverDeps): Consumer<B>;
}

export const tracesSignal: OtlpSignal<SpanBatch> = {
  name: "traces",
  itemNoun: "spans",
  jsonRejectedField: "rejectedSpans",
  decodeProto: (bytes) => decodeOtlpTracesProto(bytes),
  decodeJson: (text) => decodeOtlpTracesJson(text),
  count: (batch) => batch.spans.length,
  consumer: (deps) => deps.traces,
};

export const logsSignal: OtlpSignal<LogBatch> = {
  name: "logs",
  itemNoun: "log records",
  jsonRejectedField: "rejectedLogRecords",
  decodeProto: (bytes) => decodeOtlpLogsProto(bytes),
  decodeJson: (text) => decodeOtlpLogsJson(text),
  count: (batch) => batch.logs.length,
  consumer: (deps) => deps.logs,
};
