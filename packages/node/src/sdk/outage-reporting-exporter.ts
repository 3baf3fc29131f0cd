import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { reportWarning } from "../diag/skein-diag.js";

/** The shape SpanExporter and LogRecordExporter share. */
export interface BatchExporter<T> {
  export(items: T[], done: (result: ExportResult) => void): void;
  shutdown(): Promise<void>;
  forceFlush?(): Promise<void>;
}

/**
 * Wraps an OTLP exporter so an unreachable or failing endpoint is reported once per outage
 * (when it starts, and when exports work again) instead of once per batch.
 *
 * A failed batch is dropped either way (batch processors do not retry; the OTLP exporter has
 * already retried transient errors). It is acknowledged to the processor as done because the
 * processor's only reaction to a failure is to log it again, per batch.
 */
export class OutageReportingExporter<T> implements BatchExporter<T> {
  private failing = false;

  constructor(
    private readonly inner: BatchExporter<T>,
    private readonly what: string,
    private readonly url: string,
    private readonly report: (message: string) => void = reportWarning,
  ) {}

  export(items: T[], done: (result: ExportResult) => void): void {
    this.inner.export(items, (result) => {
      if (result.code === ExportResultCode.SUCCESS) {
        if (this.failing) this.report(`exporting ${this.what} to ${this.url} works again.`);
        this.failing = false;
      } else if (!this.failing) {
        this.failing = true;
        this.report(
          `could not export ${this.what} to ${this.url} (${describe(result.error)}). ` +
            `${this.what[0]!.toUpperCase()}${this.what.slice(1)} are dropped until it answers; the app is not affected. Is Skein running there? ` +
            "Set OTEL_EXPORTER_OTLP_ENDPOINT to its OTLP/HTTP address.",
        );
      }
      done({ code: ExportResultCode.SUCCESS });
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

function describe(error: Error | undefined): string {
  if (!error) return "unknown error";
  const code = (error as { code?: unknown }).code;
  const text = error.message || error.name;
  return typeof code === "string" && !text.includes(code) ? `${code}: ${text}` : text;
}
