import type { LogRecord } from "./log-record.js";
import type { Span } from "./span.js";

/**
 * What receivers hand to the pipeline. Ownership passes with consume(): the receiver must not
 * touch a batch after handing it on.
 */
export interface SpanBatch {
  spans: Span[];
}

export interface LogBatch {
  logs: LogRecord[];
}

/** One item the decoder refused, with the reason that goes back to the client as partial success. */
export interface Rejection {
  reason: string;
}

/** A decoded OTLP request: the accepted items plus the ones rejected one by one. */
export interface DecodedSpans {
  batch: SpanBatch;
  rejected: Rejection[];
}

export interface DecodedLogs {
  batch: LogBatch;
  rejected: Rejection[];
}
