import { LatencyHistogram, type SpanKind, type StatusCode } from "@skein/model";
import type { SpanMetricsRow } from "@skein/storage";

/** OTLP kinds 0…5 × status codes 0…2: one slot per (kind, status) of an operation. */
const SLOTS = 18;

type Slots = (LatencyHistogram | undefined)[];

/**
 * Weighted latency histograms per (minute, service, operation, kind, status) since the last
 * drain. Nested maps keyed by the values spans already carry, so adding a span builds no key
 * string. Memory is bounded by `maxSeries` series between two drains: a span that would open one
 * more is refused (add returns false; the caller counts it) and leaves nothing behind, whatever
 * the span-name cardinality.
 */
export class SpanMetricsAggregator {
  #minutes = new Map<number, Map<string, Map<string, Slots>>>();
  #series = 0;
  #lastMinuteMs = NaN;
  #lastService = "";
  #lastOperations: Map<string, Slots> | undefined;

  constructor(readonly maxSeries: number) {}

  /** Series holding data since the last drain. */
  get seriesCount(): number {
    return this.#series;
  }

  /**
   * Map entries held (minutes, services, operations): for tests of the memory bound. Walks the
   * maps; not for hot paths.
   */
  get entryCount(): number {
    let entries = this.#minutes.size;
    for (const services of this.#minutes.values()) {
      entries += services.size;
      for (const operations of services.values()) entries += operations.size;
    }
    return entries;
  }

  /**
   * Adds `weight` spans of latency bucket `bucket`. `kind` and `status` must be valid OTLP
   * numbers (0…5, 0…2). False when the span opened a series beyond maxSeries and was not counted.
   * Once at the bound it only looks up: a refused span creates no map entry, so the maps hold at
   * most three entries per series.
   */
  add(minuteMs: number, service: string, operation: string, kind: SpanKind, status: StatusCode, bucket: number, weight: number): boolean {
    const full = this.#series >= this.maxSeries;
    // Spans come grouped by resource and nearly all in one or two minutes: remember the last
    // (minute, service) so most spans cost one map lookup (the operation).
    let operations = this.#lastOperations;
    if (operations === undefined || minuteMs !== this.#lastMinuteMs || service !== this.#lastService) {
      let services = this.#minutes.get(minuteMs);
      if (services === undefined) {
        if (full) return false;
        this.#minutes.set(minuteMs, (services = new Map()));
      }
      operations = services.get(service);
      if (operations === undefined) {
        if (full) return false;
        services.set(service, (operations = new Map()));
      }
      this.#lastMinuteMs = minuteMs;
      this.#lastService = service;
      this.#lastOperations = operations;
    }
    let slots = operations.get(operation);
    if (slots === undefined) {
      if (full) return false;
      operations.set(operation, (slots = new Array<LatencyHistogram | undefined>(SLOTS)));
    }
    const slot = kind * 3 + status;
    let histogram = slots[slot];
    if (histogram === undefined) {
      if (full) return false;
      this.#series++;
      slots[slot] = histogram = new LatencyHistogram();
    }
    histogram.addToBucket(bucket, weight);
    return true;
  }

  /** The rows of every series since the last drain (series with a zero total are left out); starts afresh. */
  drain(): SpanMetricsRow[] {
    const rows: SpanMetricsRow[] = [];
    for (const [minuteUnixMs, services] of this.#minutes) {
      for (const [service, operations] of services) {
        for (const [operation, slots] of operations) {
          for (let slot = 0; slot < SLOTS; slot++) {
            const histogram = slots[slot];
            if (histogram === undefined || !(histogram.total > 0)) continue;
            const kind = Math.floor(slot / 3) as SpanKind;
            const status = (slot % 3) as StatusCode;
            rows.push({ minuteUnixMs, service, operation, kind, status, buckets: histogram.buckets() });
          }
        }
      }
    }
    this.#minutes = new Map();
    this.#series = 0;
    this.#lastOperations = undefined;
    return rows;
  }
}
