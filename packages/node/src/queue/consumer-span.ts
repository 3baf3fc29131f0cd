import { isSpanContextValid, ROOT_CONTEXT, SpanKind, trace, type Attributes, type Link, type Span, type Tracer } from "@opentelemetry/api";
import { messagingAttributes, messagingSpanName } from "./messaging-attributes.js";
import { extract, type MessageHeaders } from "./propagation.js";
import { queueSpanSettings } from "./queue-settings.js";
import { queueTracer, runInSpan } from "./run-in-span.js";

/** What a consumer knows about a received message; every field is optional. */
export interface ConsumedMessage {
  /** The headers as received; the producer's trace context is read from them. */
  headers?: MessageHeaders;
  /** Topic, queue or subject; names the span `process <destination>`. */
  destination?: string;
  /** `messaging.system`, e.g. "nats", "kafka", "rabbitmq", "aws_sqs". */
  system?: string;
  messageId?: string;
  /** Payload size in bytes. */
  bodySize?: number;
}

export interface ConsumerSpanOptions {
  /** Span name; default `process <destination>`. */
  name?: string;
  /**
   * Parent the span by the producer's span context (one trace end to end) instead of starting
   * a new trace that only links to it. Default: the configured `parentConsumerSpans`
   * (`start({ parentConsumerSpans })` or SKEIN_PARENT_CONSUMER_SPANS, else false).
   */
  parent?: boolean;
  /** Added after the messaging attributes (so they can override them). */
  attributes?: Attributes;
  /** Default: the global provider's tracer named "@skein/node". */
  tracer?: Tracer;
}

/**
 * Runs `fn` in a CONSUMER span for processing one message, and resolves what `fn` returns.
 *
 * The span links to the producer's span context from `message.headers` when there is a valid
 * one, and is its child only when `parent` is true; otherwise it roots a new trace. With
 * `parent: true` and no trace context in the headers, the active span (if any) is the parent;
 * it is never linked. Baggage from the headers is active inside `fn` either way. A throw or
 * rejection of `fn` marks the span ERROR with the exception recorded, and is rethrown. The span
 * always ends.
 */
export async function withConsumerSpan<T>(
  message: ConsumedMessage,
  fn: (span: Span) => T | Promise<T>,
  options: ConsumerSpanOptions = {},
): Promise<T> {
  const parent = options.parent ?? queueSpanSettings().parentConsumerSpans;
  const headers = message.headers ?? {};
  // The link names the producer only: read from the headers alone, so a message without trace
  // context is never linked to whatever span happens to be active where it is consumed.
  const producer = trace.getSpanContext(extract(headers, ROOT_CONTEXT));
  const links: Link[] = producer && isSpanContextValid(producer) ? [{ context: producer }] : [];
  // Parent (when asked for) and fn's context: the headers' span context and baggage over the
  // active context, so without trace headers `parent: true` continues the active span.
  const received = extract(headers);
  const span = (options.tracer ?? queueTracer()).startSpan(
    options.name ?? messagingSpanName("process", message.destination),
    {
      kind: SpanKind.CONSUMER,
      root: !parent,
      links,
      attributes: messagingAttributes("process", message, options.attributes),
    },
    received,
  );
  return runInSpan(span, received, fn);
}
