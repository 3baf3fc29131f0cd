import { SpanKind, type AnyValue, type Span } from "@skein/model";
import type { ServiceNodeType } from "@skein/storage";
import { calleeHalf, callerHalf, type EdgeHalf } from "./edge-half.js";
import { edgeKeyOf } from "./edge-key.js";

/** An edge known from one span alone (a database call, a message to or from a named queue). */
export interface DirectEdge {
  minuteMs: number;
  source: string;
  sourceType: ServiceNodeType;
  target: string;
  targetType: ServiceNodeType;
  failed: boolean;
  bucket: number;
  weight: number;
}

/** What one batch adds to the service graph once it is committed. */
export interface ServiceGraphContribution {
  direct: DirectEdge[];
  halves: EdgeHalf[];
}

/**
 * Adds what `span` means for the service graph to `out`. `minuteMs`, `bucket`, `weight` and
 * `error` are the span's own (start minute, latency bucket, sample weight, status ERROR),
 * computed once by the caller for both processors. Reads only kind, ids, links and the few
 * attributes below; INTERNAL and UNSPECIFIED spans add nothing.
 * - CLIENT with `db.system` (or `db.system.name`): edge to the database node
 *   `peer.service` ?? `server.address` ?? the system, at once. Other CLIENT: a caller half.
 * - SERVER with a parent: a callee half keyed by the parent.
 * - PRODUCER with `messaging.destination.name` (or `messaging.destination`): edge to the queue
 *   node, at once; without: a caller half. CONSUMER with a destination: edge queue → its
 *   service, at once (latency and weight its own); without: a callee half keyed by its parent
 *   and its links.
 */
export function collectServiceGraphSpan(span: Span, minuteMs: number, bucket: number, weight: number, error: boolean, out: ServiceGraphContribution): void {
  switch (span.kind) {
    case SpanKind.CLIENT: {
      const attributes = span.attributes;
      const system = text(attributes["db.system"]) ?? text(attributes["db.system.name"]);
      const peer = text(attributes["peer.service"]) ?? text(attributes["server.address"]);
      if (system !== undefined) {
        out.direct.push({ minuteMs, source: span.service, sourceType: "service", target: peer ?? system, targetType: "database", failed: error, bucket, weight });
      } else {
        const key = edgeKeyOf(span.traceId, span.spanId);
        out.halves.push(callerHalf(key, span.service, error, minuteMs, bucket, weight, peer ?? text(attributes["net.peer.name"])));
      }
      return;
    }
    case SpanKind.SERVER:
      if (span.parentSpanId !== null) out.halves.push(calleeHalf(edgeKeyOf(span.traceId, span.parentSpanId), undefined, span.service, error));
      return;
    case SpanKind.PRODUCER: {
      const destination = destinationOf(span);
      if (destination !== undefined) out.direct.push({ minuteMs, source: span.service, sourceType: "service", target: destination, targetType: "queue", failed: error, bucket, weight });
      else out.halves.push(callerHalf(edgeKeyOf(span.traceId, span.spanId), span.service, error, minuteMs, bucket, weight, undefined));
      return;
    }
    case SpanKind.CONSUMER: {
      const destination = destinationOf(span);
      if (destination !== undefined) {
        out.direct.push({ minuteMs, source: destination, sourceType: "queue", target: span.service, targetType: "service", failed: error, bucket, weight });
        return;
      }
      const half = consumerHalf(span, error);
      if (half !== undefined) out.halves.push(half);
      return;
    }
    default:
      return;
  }
}

/** A consumer waits under its parent and under each link: producers propagate either way. */
function consumerHalf(span: Span, error: boolean): EdgeHalf | undefined {
  const keys: string[] = [];
  if (span.parentSpanId !== null) keys.push(edgeKeyOf(span.traceId, span.parentSpanId));
  for (const link of span.links) {
    const key = edgeKeyOf(link.traceId, link.spanId);
    if (!keys.includes(key)) keys.push(key);
  }
  if (keys.length === 0) return undefined;
  return calleeHalf(keys[0]!, keys.length > 1 ? keys.slice(1) : undefined, span.service, error);
}

function destinationOf(span: Span): string | undefined {
  return text(span.attributes["messaging.destination.name"]) ?? text(span.attributes["messaging.destination"]);
}

function text(value: AnyValue | undefined): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
