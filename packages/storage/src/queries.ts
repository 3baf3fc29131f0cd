import type { SpanFilter } from "./filter.js";

/** Time bounds are ns since the Unix epoch, inclusive; undefined = unbounded. */
export interface TimeRange {
  startTimeMinUnixNano?: bigint;
  startTimeMaxUnixNano?: bigint;
}

/**
 * A trace matches when ONE of its spans both starts within the time range and satisfies
 * spanFilter (no filter: any span in the range). The time range is on span start, not trace start.
 */
export interface TraceQuery extends TimeRange {
  /** Same-span semantics: a trace matches when one of its spans satisfies this filter. */
  spanFilter?: SpanFilter;
  /** Most traces to return; 0 or less returns nothing. */
  limit: number;
}

/**
 * One row of a search result. Computed over ALL spans of the trace (not only the matching ones).
 * Root is the span without parent (earliest if several); if none, the earliest span.
 */
export interface TraceSummary {
  traceId: Uint8Array;
  rootService: string;
  rootName: string;
  startTimeUnixNano: bigint;
  durationNano: bigint;
  spanCount: number;
  errorCount: number;
  services: { name: string; spanCount: number; errorCount: number }[];
}

export interface LogQuery extends TimeRange {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  service?: string;
  /** Records with severityNumber >= this. */
  minSeverity?: number;
  /**
   * Case-insensitive substring of the body's display string (anyValueToDisplayString); every
   * character is literal (`%`, `_`, `\` are not wildcards or escapes). Case folding is the
   * reference's String.prototype.toLowerCase for ASCII and for letters whose lowercase is one
   * code point independent of context; for the others it is engine-defined. ClickHouse folds
   * each code point on its own: `İ` (U+0130) does not contain `i`, and `ΟΔΟΣ` contains `οδοσ`
   * but not `οδος` — toLowerCase gives `i̇` and, at the end of a word, final sigma `ς`.
   */
  bodyContains?: string;
  limit: number;
}

export interface Operation {
  name: string;
  kind: import("@skein/model").SpanKindName;
}
