import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { reportWarning } from "../diag/skein-diag.js";
import { probeEndpoint, type EndpointProbe } from "./endpoint-probe.js";

/** The shape SpanExporter and LogRecordExporter share. */
export interface BatchExporter<T> {
  export(items: T[], done: (result: ExportResult) => void): void;
  shutdown(): Promise<void>;
  forceFlush?(): Promise<void>;
}

export interface OutageOptions {
  /** Where the outage and recovery sentences go. Default: stderr, `[skein] …`. */
  report?: (message: string) => void;
  /** Default: probeEndpoint (one empty POST, no retries, never holds the process once connected). */
  probe?: EndpointProbe;
  /** The least time between two probes of an endpoint known to be down. Default 5 s. */
  probeIntervalMs?: number;
  /** Clock in ms (tests). */
  now?: () => number;
}

interface Outage {
  dropped: number;
  nextProbeAt: number;
}

export const DEFAULT_PROBE_INTERVAL_MS = 5_000;

/**
 * Wraps an OTLP exporter so an unreachable or failing endpoint costs the app nothing and is
 * reported once per outage (when it starts, and when exports work again), not once per batch.
 *
 * While an outage is known, batches are dropped at once, without calling the inner exporter:
 * its retries keep timers that hold the process alive for up to OTEL_EXPORTER_OTLP_TIMEOUT
 * (10 s by default), so a flush at exit, or a batch a minute, must not start new ones. At most
 * every `probeIntervalMs` (checked when a batch arrives, so an idle app probes nothing) the
 * endpoint is probed; when it answers, the next batch goes to the inner exporter, and its
 * success ends the outage. Only the export that discovers an outage goes through the retries.
 *
 * Every batch, exported or dropped, is acknowledged as done to the processor, because the
 * processor's only reaction to a failure is to log it again, per batch. After shutdown() no new
 * export or probe starts.
 */
export class OutageReportingExporter<T> implements BatchExporter<T> {
  private outage: Outage | undefined;
  /** A probe answered: the next batch is sent, to find out whether the outage is over. */
  private trial = false;
  private probing = false;
  private closed = false;
  private readonly report: (message: string) => void;
  private readonly probe: EndpointProbe;
  private readonly probeIntervalMs: number;
  private readonly now: () => number;

  constructor(
    private readonly inner: BatchExporter<T>,
    private readonly what: string,
    private readonly url: string,
    options: OutageOptions = {},
  ) {
    this.report = options.report ?? reportWarning;
    this.probe = options.probe ?? probeEndpoint;
    this.probeIntervalMs = options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
    this.now = options.now ?? Date.now;
  }

  export(items: T[], done: (result: ExportResult) => void): void {
    if (this.closed) return done({ code: ExportResultCode.FAILED, error: new Error(`the ${this.what} exporter is shut down`) });
    if (this.outage !== undefined && !this.trial) {
      this.outage.dropped += items.length;
      this.maybeProbe(this.outage);
      return done({ code: ExportResultCode.SUCCESS });
    }
    this.trial = false;
    this.inner.export(items, (result) => {
      this.settle(items.length, result);
      done({ code: ExportResultCode.SUCCESS });
    });
  }

  shutdown(): Promise<void> {
    this.closed = true;
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  private settle(count: number, result: ExportResult): void {
    if (result.code === ExportResultCode.SUCCESS) {
      if (this.outage !== undefined) {
        this.report(`exporting ${this.what} to ${this.url} works again (${this.outage.dropped} ${this.what} were dropped meanwhile).`);
      }
      this.outage = undefined;
      return;
    }
    if (this.outage !== undefined) {
      this.outage.dropped += count;
      this.outage.nextProbeAt = this.now() + this.probeIntervalMs;
      return;
    }
    this.outage = { dropped: count, nextProbeAt: this.now() + this.probeIntervalMs };
    this.report(
      `could not export ${this.what} to ${this.url} (${describe(result.error)}). ` +
        `${this.what[0]!.toUpperCase()}${this.what.slice(1)} are dropped until it answers; the app is not affected. Is Skein running there? ` +
        "Set OTEL_EXPORTER_OTLP_ENDPOINT to its OTLP/HTTP address.",
    );
  }

  private maybeProbe(outage: Outage): void {
    if (this.probing || this.now() < outage.nextProbeAt) return;
    this.probing = true;
    const probing = Promise.resolve().then(() => this.probe(this.url));
    void probing.catch(() => false).then((reachable) => {
      this.probing = false;
      if (this.outage !== outage || this.closed) return;
      if (reachable) this.trial = true;
      else outage.nextProbeAt = this.now() + this.probeIntervalMs;
    });
  }
}

function describe(error: Error | undefined): string {
  if (!error) return "unknown error";
  const code = (error as { code?: unknown }).code;
  const text = error.message || error.name;
  return typeof code === "string" && !text.includes(code) ? `${code}: ${text}` : text;
}
