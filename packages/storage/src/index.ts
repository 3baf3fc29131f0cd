export type { Component, LogReader, LogWriter, Storage, StorageAdapter, StorageCapabilities, StorageOptions, TraceReader, TraceWriter } from "./storage.js";
export type { LogQuery, Operation, TimeRange, TraceQuery, TraceSummary } from "./queries.js";
export type { Comparison, FilterValue, Intrinsic, SpanField, SpanFilter } from "./filter.js";
export { and, attribute, compare, intrinsic } from "./filter.js";
export { StorageClosedError, StorageUnavailableError, UnsupportedQueryError } from "./errors.js";
