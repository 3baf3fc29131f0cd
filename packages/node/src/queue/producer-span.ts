import { context, SpanKind, trace, type Attributes, type Span, type Tracer } from "@opentelemetry/api";
import { messagingAttributes, messagingSpanName } from "./messaging-attributes.js";
import { inject, type MessageHeaders } from "./propagation.js";
import { queueTracer, runInSpan } from "./run-in-span.js";

/** A message about to be published. */
export interface ProducedMessage {
  /** Topic, queue or subject; names the span `send <destination>`. */
  destination: string;
  /**
   * The headers `fn` will publish: they receive `traceparent`, `tracestate` and `baggage` of
   * the producer span before `fn` runs (mutated in place).
   */
  headers: MessageHeaders;
  /** `messaging.system`, e.g. "nats", "kafka", "rabbitmq", "aws_sqs". */
  system?: string;
  messageId?: string;
  /** Payload size in bytes. */
  bodySize?: number;
}

export interface ProducerSpanOptions {
  /** Span name; default `send <destination>`. */
  name?: string;
  /** Added after the messaging attributes (so they can override them). */
  attributes?: Attributes;
  /** Default: the global provider's tracer named "@skein/node". */
  tracer?: Tracer;
}

/**
 * Runs `fn` (which publishes the message with `message.headers`) in a PRODUCER span, child of
 * the active span, and resolves what `fn` returns. The span's context is injected into
 * `message.headers` first, so a consumer can link to or continue it (`withConsumerSpan`).
 * A throw or rejection of `fn` marks the span ERROR with the exception recorded, and is
 * rethrown. The span always ends.
 */
export async function withProducerSpan<T>(
  message: ProducedMessage,
  fn: (span: Span) => T | Promise<T>,
  options: ProducerSpanOptions = {},
): Promise<T> {
  const active = context.active();
  const span = (options.tracer ?? queueTracer()).startSpan(
    options.name ?? messagingSpanName("send", message.destination),
    { kind: SpanKind.PRODUCER, attributes: messagingAttributes("send", message, options.attributes) },
    active,
  );
  inject(message.headers, trace.setSpan(active, span));
  return runInSpan(span, active, fn);
}
