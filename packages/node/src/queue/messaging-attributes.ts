import type { Attributes } from "@opentelemetry/api";

// OTel messaging semantic conventions (v1.3x, development status). Spelled out here rather than
// imported from `@opentelemetry/semantic-conventions/incubating`, which may rename them in any
// minor release (its own README advises copying).
export const ATTR_MESSAGING_SYSTEM = "messaging.system";
export const ATTR_MESSAGING_DESTINATION_NAME = "messaging.destination.name";
export const ATTR_MESSAGING_OPERATION_TYPE = "messaging.operation.type";
export const ATTR_MESSAGING_OPERATION_NAME = "messaging.operation.name";
export const ATTR_MESSAGING_MESSAGE_ID = "messaging.message.id";
export const ATTR_MESSAGING_MESSAGE_BODY_SIZE = "messaging.message.body.size";

/** What both helpers know about a message; absent fields give absent attributes. */
export interface MessageFacts {
  destination?: string;
  system?: string;
  messageId?: string;
  /** Payload size in bytes. */
  bodySize?: number;
}

/**
 * The semconv attributes of a `send` or `process` span; `extra` (the caller's attributes) is
 * applied last, so a caller can override any of them.
 */
export function messagingAttributes(operation: "send" | "process", message: MessageFacts, extra: Attributes = {}): Attributes {
  const attributes: Attributes = {
    [ATTR_MESSAGING_OPERATION_TYPE]: operation,
    [ATTR_MESSAGING_OPERATION_NAME]: operation,
  };
  if (message.system !== undefined) attributes[ATTR_MESSAGING_SYSTEM] = message.system;
  if (message.destination !== undefined) attributes[ATTR_MESSAGING_DESTINATION_NAME] = message.destination;
  if (message.messageId !== undefined) attributes[ATTR_MESSAGING_MESSAGE_ID] = message.messageId;
  if (message.bodySize !== undefined) attributes[ATTR_MESSAGING_MESSAGE_BODY_SIZE] = message.bodySize;
  return { ...attributes, ...extra };
}

/** Semconv span name `{operation} {destination}`, or the operation alone without a destination. */
export function messagingSpanName(operation: "send" | "process", destination: string | undefined): string {
  return destination ? `${operation} ${destination}` : operation;
}
