// @skein/node: one-line OpenTelemetry instrumentation for Node.js services that report to Skein.
// Its only contract with the server is OTLP; it depends on nothing but @opentelemetry/* (DESIGN §2).
export { start, type SkeinNode } from "./start.js";
export type { SkeinNodeOptions } from "./config/skein-node-options.js";
export type { WaitOptions } from "./lifecycle/bounded-wait.js";
export { inject, extract, type MessageHeaders, type HeadersMapLike } from "./queue/propagation.js";
export { withConsumerSpan, type ConsumedMessage, type ConsumerSpanOptions } from "./queue/consumer-span.js";
export { withProducerSpan, type ProducedMessage, type ProducerSpanOptions } from "./queue/producer-span.js";
export { configureQueueSpans, type QueueSpanSettings } from "./queue/queue-settings.js";
