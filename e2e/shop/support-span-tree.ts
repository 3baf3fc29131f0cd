import type { ApiSpan } from "@skein/model/api";

/**
 * Reading a shop trace as the native API returns it: find spans by what they are (service, kind,
 * name), walk parent chains, and print the whole tree for failure messages.
 */

/** What a test needs a span to be; `describe` names it in failure messages. */
export interface SpanMatch {
  service?: string;
  kind?: ApiSpan["kind"];
  name?: string;
  /** Extra condition, e.g. on status or attributes. */
  where?: (span: ApiSpan) => boolean;
  /** For waiting: how many such spans must be there; default 1. */
  atLeast?: number;
}

export function matches(span: ApiSpan, match: SpanMatch): boolean {
  return (
    (match.service === undefined || span.service === match.service) &&
    (match.kind === undefined || span.kind === match.kind) &&
    (match.name === undefined || span.name === match.name) &&
    (match.where === undefined || match.where(span))
  );
}

export function describeMatch(match: SpanMatch): string {
  const parts = [match.service ?? "any service", match.kind ?? "any kind", match.name === undefined ? "any name" : `"${match.name}"`];
  const count = match.atLeast === undefined ? "" : `at least ${match.atLeast}× `;
  return `${count}${parts.join(" ")}${match.where ? " (+ condition)" : ""}`;
}

/** The one span that matches; throws with the span tree when there is none or more than one. */
export function onlySpan(spans: readonly ApiSpan[], match: SpanMatch): ApiSpan {
  const found = spans.filter((s) => matches(s, match));
  if (found.length !== 1) {
    throw new Error(`expected exactly 1 span ${describeMatch(match)}, found ${found.length}\n${formatSpanTree(spans)}`);
  }
  return found[0]!;
}

/** `span` first, then its parent, up to the root (or up to a parent missing from the trace). */
export function ancestry(spans: readonly ApiSpan[], span: ApiSpan): ApiSpan[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain = [span];
  for (let parent = span.parentSpanId; parent !== null; ) {
    const next = byId.get(parent);
    if (!next || chain.includes(next)) break;
    chain.push(next);
    parent = next.parentSpanId;
  }
  return chain;
}

/** `service kind` of each span from the root down to `span`, skipping internal spans (express middleware, handlers). */
export function hopPath(spans: readonly ApiSpan[], span: ApiSpan): string[] {
  return ancestry(spans, span)
    .reverse()
    .filter((s) => s.kind !== "internal")
    .map((s) => `${s.service} ${s.kind}`);
}

/** One line per span, indented under its parent; spans whose parent is not in the trace are marked. */
export function formatSpanTree(spans: readonly ApiSpan[]): string {
  if (spans.length === 0) return "(no spans)";
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string | null, ApiSpan[]>();
  for (const span of spans) {
    const key = span.parentSpanId !== null && ids.has(span.parentSpanId) ? span.parentSpanId : null;
    children.set(key, [...(children.get(key) ?? []), span]);
  }
  const lines: string[] = [];
  const visit = (span: ApiSpan, depth: number): void => {
    lines.push(`${"  ".repeat(depth)}${formatSpan(span)}`);
    for (const child of children.get(span.spanId) ?? []) visit(child, depth + 1);
  };
  for (const root of children.get(null) ?? []) visit(root, 0);
  return lines.join("\n");
}

function formatSpan(span: ApiSpan): string {
  const status = span.status.code === "unset" ? "" : ` [${span.status.code}${span.status.message ? `: ${span.status.message}` : ""}]`;
  const parent = span.parentSpanId === null ? "" : ` parent=${span.parentSpanId}`;
  const links = span.links.length === 0 ? "" : ` links=${span.links.map((l) => `${l.traceId}/${l.spanId}`).join(",")}`;
  const http = span.attributes["http.response.status_code"] ?? span.attributes["http.status_code"];
  return `${span.service} ${span.kind} "${span.name}" ${span.spanId}${parent}${status}${http === undefined ? "" : ` http=${String(http)}`}${links}`;
}
