import { envNonNegativeNumber, type Env, type Warn } from "./env-values.js";

/** Batch processor settings; an undefined field keeps the processor's default. */
export interface BatchConfig {
  scheduledDelayMillis?: number;
  exportTimeoutMillis?: number;
  maxQueueSize?: number;
  maxExportBatchSize?: number;
}

/** OTEL_BSP_* (spans) or OTEL_BLRP_* (log records), validated. */
export function resolveBatch(prefix: "OTEL_BSP" | "OTEL_BLRP", env: Env, warn: Warn): BatchConfig {
  const read = (suffix: string): number | undefined => envNonNegativeNumber(env, `${prefix}_${suffix}`, warn);
  const config: BatchConfig = {};
  const scheduledDelayMillis = read("SCHEDULE_DELAY");
  const exportTimeoutMillis = read("EXPORT_TIMEOUT");
  const maxQueueSize = read("MAX_QUEUE_SIZE");
  const maxExportBatchSize = read("MAX_EXPORT_BATCH_SIZE");
  if (scheduledDelayMillis !== undefined) config.scheduledDelayMillis = scheduledDelayMillis;
  if (exportTimeoutMillis !== undefined) config.exportTimeoutMillis = exportTimeoutMillis;
  if (maxQueueSize !== undefined) config.maxQueueSize = maxQueueSize;
  if (maxExportBatchSize !== undefined) config.maxExportBatchSize = maxExportBatchSize;
  return config;
}
