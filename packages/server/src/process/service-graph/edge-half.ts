/**
 * One side of a call waiting for the other in the PendingEdgeStore. The caller side is a CLIENT
 * span (or a PRODUCER span without a destination), keyed by its own (trace id, span id); the
 * callee side is a SERVER span keyed by its parent, or a CONSUMER span keyed by its parent and
 * by every link (a queue may propagate the context either way). A half holds only values copied
 * from its span (strings and numbers), never the span: the batch belongs to storage once handed on.
 */
export interface EdgeHalf {
  readonly caller: boolean;
  /** Pairing key (edgeKeyOf): the caller's own ids, the callee's parent (or its first link). */
  readonly key: string;
  /** A consumer's further keys (its links); undefined for every other half. */
  readonly otherKeys: readonly string[] | undefined;
  readonly service: string;
  /** The span's status is ERROR. */
  readonly error: boolean;
  /** Caller only (0 for a callee): the edge's minute, latency bucket and weight come from the caller span. */
  readonly minuteMs: number;
  readonly bucket: number;
  readonly weight: number;
  /**
   * Client only: `peer.service` ?? `server.address` ?? `net.peer.name`, the external node this
   * call is attributed to if no server span pairs with it in time; undefined: none.
   */
  readonly peer: string | undefined;
  /** Set by the store once paired, expired or evicted; its other keys are then stale. */
  settled: boolean;
  /** Set by the store: arrival time + TTL, in ms since the Unix epoch. */
  expiresAtMs: number;
}

export function callerHalf(key: string, service: string, error: boolean, minuteMs: number, bucket: number, weight: number, peer: string | undefined): EdgeHalf {
  return { caller: true, key, otherKeys: undefined, service, error, minuteMs, bucket, weight, peer, settled: false, expiresAtMs: 0 };
}

export function calleeHalf(key: string, otherKeys: readonly string[] | undefined, service: string, error: boolean): EdgeHalf {
  return { caller: false, key, otherKeys, service, error, minuteMs: 0, bucket: 0, weight: 0, peer: undefined, settled: false, expiresAtMs: 0 };
}
