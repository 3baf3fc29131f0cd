import { emptyAttributes } from "@skein/model";
import type { AnyValue, Attributes, InstrumentationScope, LogRecord, Resource, Span } from "@skein/model";

/**
 * Deep copies so that the memory adapter never shares mutable state with its callers (a reader's
 * caller mutating a span must not change what is stored). Attribute maps come out with no
 * prototype. `shared` keeps resources and scopes shared between the items of one call, as ingest
 * shares them.
 */
export type CloneMemo = Map<object, object>;

export function cloneValue(value: AnyValue): AnyValue {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (Array.isArray(value)) return value.map(cloneValue);
  return cloneAttributes(value);
}

export function cloneAttributes(attributes: Attributes): Attributes {
  const out = emptyAttributes();
  for (const key of Object.keys(attributes)) out[key] = cloneValue(attributes[key]!);
  return out;
}

function memoized<T extends object>(memo: CloneMemo, original: T, make: () => T): T {
  const hit = memo.get(original);
  if (hit !== undefined) return hit as T;
  const copy = make();
  memo.set(original, copy);
  return copy;
}

export function cloneResource(resource: Resource, memo: CloneMemo): Resource {
  return memoized(memo, resource, () => ({ ...resource, attributes: cloneAttributes(resource.attributes) }));
}

export function cloneScope(scope: InstrumentationScope, memo: CloneMemo): InstrumentationScope {
  return memoized(memo, scope, () => ({ ...scope, attributes: cloneAttributes(scope.attributes) }));
}

export function cloneSpan(span: Span, memo: CloneMemo): Span {
  return {
    ...span,
    traceId: new Uint8Array(span.traceId),
    spanId: new Uint8Array(span.spanId),
    parentSpanId: span.parentSpanId === null ? null : new Uint8Array(span.parentSpanId),
    attributes: cloneAttributes(span.attributes),
    events: span.events.map((e) => ({ ...e, attributes: cloneAttributes(e.attributes) })),
    links: span.links.map((l) => ({ ...l, traceId: new Uint8Array(l.traceId), spanId: new Uint8Array(l.spanId), attributes: cloneAttributes(l.attributes) })),
    status: { ...span.status },
    resource: cloneResource(span.resource, memo),
    scope: cloneScope(span.scope, memo),
  };
}

export function cloneLog(log: LogRecord, memo: CloneMemo): LogRecord {
  return {
    ...log,
    body: cloneValue(log.body),
    attributes: cloneAttributes(log.attributes),
    traceId: log.traceId === null ? null : new Uint8Array(log.traceId),
    spanId: log.spanId === null ? null : new Uint8Array(log.spanId),
    resource: cloneResource(log.resource, memo),
    scope: cloneScope(log.scope, memo),
  };
}
