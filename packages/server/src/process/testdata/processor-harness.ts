import type { Span, SpanBatch } from "@skein/model";
import type { Logger } from "pino";
import { vi } from "vitest";
import { SinkConsumer } from "../../pipeline/testing/index.js";
import { SpanMetricsProcessor, type SpanMetricsProcessorOptions } from "../span-metrics/span-metrics-processor.js";
import { FakeProcessorClock } from "./fake-processor-clock.js";
import { RecordingMetricsWriter } from "./recording-metrics-writer.js";
import { RecordingSpanMetricsTelemetry } from "./recording-span-metrics-telemetry.js";

/** A processor between a SinkConsumer and a recording writer, on a fake clock. */
export function processorHarness(options: Partial<SpanMetricsProcessorOptions> = {}) {
  const sink = new SinkConsumer<SpanBatch>();
  const writer = new RecordingMetricsWriter();
  const clock = new FakeProcessorClock();
  const telemetry = new RecordingSpanMetricsTelemetry();
  const logger = { warn: vi.fn(), error: vi.fn() };
  const processor = new SpanMetricsProcessor({
    next: sink,
    writer,
    logger: logger as unknown as Pick<Logger, "warn" | "error">,
    clock,
    telemetry,
    ...options,
  });
  const send = (spans: Span[]) => processor.consume({ spans });
  return { processor, sink, writer, clock, telemetry, logger, send };
}
