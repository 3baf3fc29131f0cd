import { context, propagation, type Context, type TextMapGetter, type TextMapSetter } from "@opentelemetry/api";

/**
 * A headers container with map-like access: `Map`, fetch `Headers`, NATS `MsgHdrs`
 * (`get` answers "" for a missing key), and anything else with `get`/`set`. `keys` is only
 * used to find a key case-insensitively when `get` misses it.
 */
export interface HeadersMapLike {
  get(key: string): unknown;
  set(key: string, value: string): unknown;
  keys?(): Iterable<string>;
}

/**
 * Message headers of any broker: a plain object (Kafka, AMQP, SQS attributes flattened to
 * strings, …) whose values may be `string`, `Buffer`/`Uint8Array` (decoded as UTF-8) or arrays
 * of those (the first item counts), or a map-like container.
 */
export type MessageHeaders = Record<string, unknown> | HeadersMapLike;

/**
 * Writes the W3C `traceparent`, `tracestate` and `baggage` of `ctx` into `carrier` through the
 * globally registered propagator (`start()` registers W3C trace context and baggage), and
 * returns the same carrier. Writes nothing when `ctx` holds no valid span context or baggage.
 */
export function inject<C extends MessageHeaders>(carrier: C, ctx: Context = context.active()): C {
  propagation.inject(ctx, carrier, headersSetter);
  return carrier;
}

/**
 * The context a message's headers carry, on top of `base` (default: the active context): the
 * remote span context (`trace.getSpanContext(result)`) and baggage. Headers without trace
 * context leave `base`'s span in place; pass ROOT_CONTEXT to get only what the headers carry.
 */
export function extract(carrier: MessageHeaders, base: Context = context.active()): Context {
  return propagation.extract(base, carrier, headersGetter);
}

function isMapLike(carrier: MessageHeaders): carrier is HeadersMapLike {
  return typeof carrier.get === "function" && typeof carrier.set === "function";
}

const headersGetter: TextMapGetter<MessageHeaders> = {
  keys(carrier) {
    if (!isMapLike(carrier)) return Object.keys(carrier);
    return carrier.keys ? [...carrier.keys()] : [];
  },
  get(carrier, key) {
    return headerText(isMapLike(carrier) ? mapLikeValue(carrier, key) : objectValue(carrier, key));
  },
};

const headersSetter: TextMapSetter<MessageHeaders> = {
  set(carrier, key, value) {
    if (isMapLike(carrier)) {
      carrier.set(key, value);
      return;
    }
    // Drop a differently-cased copy (e.g. "Traceparent" from a proxy) so a later extract
    // cannot read the stale value.
    for (const existing of Object.keys(carrier)) {
      if (existing !== key && existing.toLowerCase() === key) delete carrier[existing];
    }
    carrier[key] = value;
  },
};

function objectValue(carrier: Record<string, unknown>, key: string): unknown {
  if (Object.hasOwn(carrier, key)) return carrier[key];
  for (const existing of Object.keys(carrier)) {
    if (existing.toLowerCase() === key) return carrier[existing];
  }
  return undefined;
}

function mapLikeValue(carrier: HeadersMapLike, key: string): unknown {
  const exact = carrier.get(key);
  if (isPresent(exact) || !carrier.keys) return exact;
  for (const existing of carrier.keys()) {
    if (existing !== key && existing.toLowerCase() === key) return carrier.get(existing);
  }
  return exact;
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

const utf8 = new TextDecoder();

/** A header value as the propagators read it: text, or undefined when absent or unreadable. */
function headerText(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length > 0 ? headerText(value[0]) : undefined;
  if (typeof value === "string") return value === "" ? undefined : value;
  if (value instanceof Uint8Array) return value.byteLength === 0 ? undefined : utf8.decode(value);
  return undefined;
}
