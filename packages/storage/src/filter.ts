import type { AnyValue } from "@skein/model";

/**
 * The filter AST that the query layer hands to storage. Conditions in a SpanFilter hold on ONE
 * span; a trace matches a TraceQuery when at least one of its spans satisfies the filter.
 * Cross-span logic (TraceQL's `>>`, `&&` between spansets) is the query layer's job.
 */
export type SpanFilter =
  | { op: "and"; filters: SpanFilter[] }
  | { op: "or"; filters: SpanFilter[] }
  | { op: "not"; filter: SpanFilter }
  | { op: "compare"; field: SpanField; cmp: Comparison; value: FilterValue }
  | { op: "exists"; field: SpanField };

export type Comparison = "=" | "!=" | "<" | "<=" | ">" | ">=" | "=~" | "!~";

/**
 * Intrinsics are the span's own fields. `duration` compares in ns (bigint); `status` and `kind`
 * compare to their names ("error", "server"); `service` is resource service.name.
 */
export type Intrinsic = "service" | "name" | "duration" | "status" | "statusMessage" | "kind";

export type SpanField =
  | { type: "intrinsic"; name: Intrinsic }
  /** `span`: span attributes; `resource`: resource attributes; `any`: span, then resource. */
  | { type: "attribute"; scope: "span" | "resource" | "any"; key: string };

/**
 * A literal to compare with. Strings compare to string attributes; bigint and number compare
 * numerically to int and double attributes alike; booleans to bools. `=~` takes a string regex
 * (RE2-like subset: anchored on the whole value, as TraceQL).
 */
export type FilterValue = Exclude<AnyValue, Uint8Array | AnyValue[] | null | { [key: string]: AnyValue }>;

export const and = (...filters: SpanFilter[]): SpanFilter => ({ op: "and", filters });
export const intrinsic = (name: Intrinsic): SpanField => ({ type: "intrinsic", name });
export const attribute = (key: string, scope: "span" | "resource" | "any" = "any"): SpanField => ({ type: "attribute", scope, key });
export const compare = (field: SpanField, cmp: Comparison, value: FilterValue): SpanFilter => ({ op: "compare", field, cmp, value });
