import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_EXPORT_BATCH_SIZE, batchProcessorSettings, resolveBatch } from "./batch-config.js";

describe("resolveBatch", () => {
  it("reads only what the environment sets, and reports invalid values", () => {
    const warnings: string[] = [];
    const config = resolveBatch("OTEL_BLRP", { OTEL_BLRP_SCHEDULE_DELAY: "100", OTEL_BLRP_MAX_QUEUE_SIZE: "-1", OTEL_BSP_SCHEDULE_DELAY: "7" }, (m) => warnings.push(m));
    expect(config).toEqual({ scheduledDelayMillis: 100 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("OTEL_BLRP_MAX_QUEUE_SIZE");
  });
});

describe("batchProcessorSettings", () => {
  it("exports in batches of DEFAULT_MAX_EXPORT_BATCH_SIZE unless told otherwise", () => {
    expect(DEFAULT_MAX_EXPORT_BATCH_SIZE).toBeLessThan(512); // OTel's default, which stalls the loop ~2 ms per batch
    expect(batchProcessorSettings({ scheduledDelayMillis: 100 })).toEqual({ scheduledDelayMillis: 100, maxExportBatchSize: DEFAULT_MAX_EXPORT_BATCH_SIZE });
  });

  it("keeps a batch size from the environment, even a larger one", () => {
    expect(batchProcessorSettings({ maxExportBatchSize: 1000, maxQueueSize: 4000 })).toEqual({ maxExportBatchSize: 1000, maxQueueSize: 4000 });
  });

  it("never defaults the batch above a smaller queue", () => {
    expect(batchProcessorSettings({ maxQueueSize: 50 })).toEqual({ maxQueueSize: 50, maxExportBatchSize: 50 });
  });
});
