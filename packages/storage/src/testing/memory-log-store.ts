import { anyValueToDisplayString, idsEqual } from "@skein/model";
import type { LogBatch, LogRecord } from "@skein/model";
import type { LogQuery } from "../queries.js";
import type { LogReader, LogWriter } from "../storage.js";
import { cloneLog } from "./deep-clone.js";
import { chunked } from "./memory-lifecycle.js";
import type { MemoryLifecycle } from "./memory-lifecycle.js";
import { estimateLogBytes } from "./memory-size.js";

/** True when the record satisfies every condition of the query (time bounds inclusive). */
export function logMatches(log: LogRecord, query: LogQuery, needle: string | undefined): boolean {
  if (query.traceId !== undefined && (log.traceId === null || !idsEqual(log.traceId, query.traceId))) return false;
  if (query.spanId !== undefined && (log.spanId === null || !idsEqual(log.spanId, query.spanId))) return false;
  if (query.service !== undefined && log.service !== query.service) return false;
  if (query.minSeverity !== undefined && log.severityNumber < query.minSeverity) return false;
  if (query.startTimeMinUnixNano !== undefined && log.timeUnixNano < query.startTimeMinUnixNano) return false;
  if (query.startTimeMaxUnixNano !== undefined && log.timeUnixNano > query.startTimeMaxUnixNano) return false;
  if (needle !== undefined && !anyValueToDisplayString(log.body).toLowerCase().includes(needle)) return false;
  return true;
}

/** The time retention judges a log record by: its time, or its observed time when the time is 0 (unknown). */
export function retentionTimeOf(log: LogRecord): bigint {
  return log.timeUnixNano === 0n ? log.observedTimeUnixNano : log.timeUnixNano;
}

/**
 * Log records in memory with the reference reader semantics: `bodyContains` is a literal,
 * case-insensitive (String.prototype.toLowerCase) substring of the body's display string;
 * newest timeUnixNano first, equal times in write order.
 */
export class MemoryLogStore implements LogReader, LogWriter {
  private logs: LogRecord[] = [];
  private bytes = 0;

  constructor(private readonly lifecycle: MemoryLifecycle) {}

  get sizeBytes(): number {
    return this.bytes;
  }

  clear(): void {
    this.logs = [];
    this.bytes = 0;
  }

  async writeLogs(batch: LogBatch, signal?: AbortSignal): Promise<void> {
    this.lifecycle.assertOpen();
    signal?.throwIfAborted();
    const memo = new Map<object, object>();
    const copies = batch.logs.map((log) => cloneLog(log, memo));
    for (const log of copies) {
      this.logs.push(log);
      this.bytes += estimateLogBytes(log);
    }
  }

  /** Removes the records whose time (observed time when the time is 0) is before `cutoffUnixNano`. */
  deleteBefore(cutoffUnixNano: bigint): void {
    const kept: LogRecord[] = [];
    for (const log of this.logs) {
      if (retentionTimeOf(log) >= cutoffUnixNano) kept.push(log);
      else this.bytes -= estimateLogBytes(log);
    }
    this.logs = kept;
  }

  async *findLogs(query: LogQuery, signal?: AbortSignal): AsyncIterable<LogRecord[]> {
    this.lifecycle.assertOpen();
    const needle = query.bodyContains?.toLowerCase();
    const found = this.logs.filter((log) => logMatches(log, query, needle));
    // Array.prototype.sort is stable: equal times keep write order.
    found.sort((a, b) => (a.timeUnixNano === b.timeUnixNano ? 0 : a.timeUnixNano > b.timeUnixNano ? -1 : 1));
    const memo = new Map<object, object>();
    yield* chunked(found.slice(0, Math.max(0, query.limit)), (log) => cloneLog(log, memo), signal);
  }
}
