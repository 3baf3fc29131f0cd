import { SpanKind, type AnyValue, type Span } from "@skein/model";
import type { ServiceNodeType } from "@skein/storage";
import { edgeHalf, type EdgeHalf } from "./edge-half.js";
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
 * - PRODUCER: a caller half keyed by itself. With `messaging.destination.name` (or
 *   `messaging.destination`) also an edge to the queue node, at once.
 * - CONSUMER: a callee half keyed by its links, then its parent. With a destination also an edge
 *   queue → its service, at once (latency and weight its own).
 * Messaging halves with a destination wait too, so that the other side of the message, when it
 * names no destination, is placed on that queue (ServiceGraph pairs them).
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
        out.halves.push(edgeHalf(SpanKind.CLIENT, key, undefined, span.service, error, minuteMs, bucket, weight, peer ?? text(attributes["net.peer.name"])));
      }
      return;
    }
    case SpanKind.SERVER:
      if (span.parentSpanId !== null) {
        out.halves.push(edgeHalf(SpanKind.SERVER, edgeKeyOf(span.traceId, span.parentSpanId), undefined, span.service, error, minuteMs, bucket, weight));
      }
      return;
    case SpanKind.PRODUCER: {
      const destination = destinationOf(span);
      if (destination !== undefined) out.direct.push({ minuteMs, source: span.service, sourceType: "service", target: destination, targetType: "queue", failed: error, bucket, weight });
      const key = edgeKeyOf(span.traceId, span.spanId);
      out.halves.push(edgeHalf(SpanKind.PRODUCER, key, undefined, span.service, error, minuteMs, bucket, weight, undefined, destination));
      return;
    }
    case SpanKind.CONSUMER: {
      const destination = destinationOf(span);
      if (destination !== undefined) out.direct.push({ minuteMs, source: destination, sourceType: "queue", target: span.service, targetType: "service", failed: error, bucket, weight });
      const keys = consumerKeys(span);
      if (keys.length > 0) {
        const otherKeys = keys.length > 1 ? keys.slice(1) : undefined;
        out.halves.push(edgeHalf(SpanKind.CONSUMER, keys[0]!, otherKeys, span.service, error, minuteMs, bucket, weight, undefined, destination));
      }
      return;
    }
    default:
      return;
  }
}

/**
 * A consumer's keys: each link, then its parent (producers propagate either way). Links first:
 * under messaging semconv ≥ 1.26 the parent is the consumer's own "receive" span and the link
 * is the message's producer.
 */
function consumerKeys(span: Span): string[] {
  const keys: string[] = [];
  for (const link of span.links) keys.push(edgeKeyOf(link.traceId, link.spanId));
  if (span.parentSpanId !== null) keys.push(edgeKeyOf(span.traceId, span.parentSpanId));
  return keys.length > 1 ? [...new Set(keys)] : keys;
}

function destinationOf(span: Span): string | undefined {
  return text(span.attributes["messaging.destination.name"]) ?? text(span.attributes["messaging.destination"]);
}

function text(value: AnyValue | undefined): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
