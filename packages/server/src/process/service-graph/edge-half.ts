import { SpanKind } from "@skein/model";

/** The kinds of span that wait for their other side: CLIENT/SERVER pair, PRODUCER/CONSUMER pair. */
export type EdgeHalfKind = typeof SpanKind.CLIENT | typeof SpanKind.SERVER | typeof SpanKind.PRODUCER | typeof SpanKind.CONSUMER;

/**
 * One side of a call waiting for the other in the PendingEdgeStore. A half pairs only with the
 * other side of its own family: a CLIENT with a SERVER, a PRODUCER with a CONSUMER (so a
 * consumer whose parent is a CLIENT "receive" span, as in messaging semconv ≥ 1.26, does not pair
 * with it). The caller side (CLIENT, PRODUCER) is keyed by its own (trace id, span id); a SERVER
 * by its parent; a CONSUMER by each of its links, then its parent (a queue may propagate the
 * context either way). A half holds only values copied from its span (strings and numbers),
 * never the span: the batch belongs to storage once handed on.
 */
export interface EdgeHalf {
  readonly kind: EdgeHalfKind;
  /** CLIENT or PRODUCER. */
  readonly caller: boolean;
  /** PRODUCER or CONSUMER. */
  readonly messaging: boolean;
  /** Pairing key (edgeKeyOf): the caller's own ids, a server's parent, a consumer's first link or its parent. */
  readonly key: string;
  /** A consumer's further keys (its other links, then its parent); undefined for every other half. */
  readonly otherKeys: readonly string[] | undefined;
  readonly service: string;
  /** The span's status is ERROR. */
  readonly error: boolean;
  /** The span's own start minute, latency bucket and sample weight (an edge takes the caller's, see ServiceGraph). */
  readonly minuteMs: number;
  readonly bucket: number;
  readonly weight: number;
  /**
   * Client only: `peer.service` ?? `server.address` ?? `net.peer.name`, the external node this
   * call is attributed to if no server span pairs with it before its TTL runs out; undefined: none.
   */
  readonly peer: string | undefined;
  /**
   * Messaging only: the span's `messaging.destination.name`. Its edge to or from that queue was
   * made at once; the half waits only to place an other side that names no destination.
   */
  readonly destination: string | undefined;
  /** Set by the store once paired, expired or evicted; its other keys are then stale. */
  settled: boolean;
  /** Set by the store: arrival time + TTL, in ms since the Unix epoch. */
  expiresAtMs: number;
}

/** `service` … `weight` are the span's own (see the fields); positional, as this runs for most spans. */
export function edgeHalf(
  kind: EdgeHalfKind,
  key: string,
  otherKeys: readonly string[] | undefined,
  service: string,
  error: boolean,
  minuteMs: number,
  bucket: number,
  weight: number,
  peer?: string,
  destination?: string,
): EdgeHalf {
  return {
    kind,
    caller: kind === SpanKind.CLIENT || kind === SpanKind.PRODUCER,
    messaging: kind === SpanKind.PRODUCER || kind === SpanKind.CONSUMER,
    key,
    otherKeys,
    service,
    error,
    minuteMs,
    bucket,
    weight,
    peer,
    destination,
    settled: false,
    expiresAtMs: 0,
  };
}
