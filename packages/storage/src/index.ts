export type { Component, LogReader, LogWriter, RetentionResult, Storage, StorageAdapter, StorageBacklog, StorageLogger, StorageCapabilities, StorageOptions, TraceReader, TraceWriter } from "./storage.js";
export type {
  AlertEventQuery,
  AlertStore,
  MetricsReader,
  MetricsWriter,
  MinuteRange,
  Rollups,
  ServiceGraphCell,
  ServiceGraphRow,
  ServiceNodeType,
  SpanHistogramCell,
  SpanHistogramExemplar,
  SpanHistogramQuery,
  SpanMetricsCell,
  SpanMetricsQuery,
  SpanMetricsRow,
  StoredAlertEvent,
  StoredAlertRule,
} from "./insights.js";
export type { LogQuery, Operation, TimeRange, TraceQuery, TraceSummary } from "./queries.js";
export type { Comparison, FilterValue, Intrinsic, SpanField, SpanFilter } from "./filter.js";
export { and, attribute, compare, intrinsic } from "./filter.js";
export { InvalidFilterError, StorageBackloggedError, StorageClosedError, StorageUnavailableError, UnsupportedQueryError } from "./errors.js";
export type { SpanPredicate } from "./span-filter-eval.js";
export { compileSpanFilter, evaluateSpanFilter } from "./span-filter-eval.js";
export { compileFilterRegex, validateSpanFilter } from "./span-filter-validate.js";
export { summarizeTrace } from "./trace-summary.js";
export { checkRollups } from "./rollup-contract.js";
export { compareBytes, compareCodePoints } from "./code-point-order.js";
