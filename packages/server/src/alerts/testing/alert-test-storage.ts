import { SpanKind, StatusCode, latencyBucketOf, type SpanKind as SpanKindValue } from "@skein/model";
import type { MetricsReader, Storage } from "@skein/storage";
import { MemoryStorage } from "@skein/storage/testing";

/** One span-metrics observation for a test: `count` spans (default 1) of one duration. */
export interface TestSpanMetric {
  minuteUnixMs: number;
  service: string;
  operation: string;
  /** Default SERVER. */
  kind?: SpanKindValue;
  error?: boolean;
  durationNano: number;
  count?: number;
}

/**
 * The memory adapter for alerting tests, with a switch that makes span-metrics reads fail (an
 * engine outage) and a helper that writes rollups. Start it before use; shut it down after.
 */
export class AlertTestStorage {
  readonly memory = new MemoryStorage();
  /** When set, span-metrics reads reject with it. */
  metricsFailure: Error | undefined;
  readonly storage: Storage;

  constructor() {
    const memory = this.memory;
    const reader: MetricsReader = {
      querySpanMetrics: (query, signal) => {
        if (this.metricsFailure !== undefined) throw this.metricsFailure;
        return memory.metrics.reader.querySpanMetrics(query, signal);
      },
      queryServiceGraph: (query, signal) => memory.metrics.reader.queryServiceGraph(query, signal),
    };
    const metrics: Storage["metrics"] = { reader, writer: memory.metrics.writer };
    this.storage = new Proxy(memory, {
      get(target, property) {
        if (property === "metrics") return metrics;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  /** Writes the observation as one span-metrics rollup row. */
  async addMetric(metric: TestSpanMetric): Promise<void> {
    await this.memory.metrics.writer.writeRollups({
      spanMetrics: [
        {
          minuteUnixMs: metric.minuteUnixMs,
          service: metric.service,
          operation: metric.operation,
          kind: metric.kind ?? SpanKind.SERVER,
          status: metric.error ? StatusCode.ERROR : StatusCode.UNSET,
          buckets: [{ bucket: latencyBucketOf(metric.durationNano), count: metric.count ?? 1 }],
        },
      ],
      serviceGraph: [],
    });
  }
}
