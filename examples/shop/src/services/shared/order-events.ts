// The order events checkout publishes and notification consumes, over NATS JetStream. The
// launcher creates the stream before any service starts.
import type { OrderLine } from "./catalog.js";

export const ORDERS_STREAM = "ORDERS";
export const ORDERS_SUBJECTS = "orders.>";
export const ORDER_PLACED_SUBJECT = "orders.placed";
export const ORDER_FAILED_SUBJECT = "orders.failed";
/** Durable pull consumer of the notification service; survives its restarts. */
export const NOTIFICATION_CONSUMER = "notification";

export interface OrderEvent {
  orderId: string;
  customerId: string;
  items: OrderLine[];
  amountCents: number;
  /** Why an `orders.failed` order failed, e.g. "card declined", "payment unavailable". */
  reason?: string;
}

export function encodeOrderEvent(event: OrderEvent): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(event));
}

/** Throws when the payload is not an order event (a foreign publisher on `orders.>`). */
export function decodeOrderEvent(data: Uint8Array): OrderEvent {
  const value: unknown = JSON.parse(new TextDecoder().decode(data));
  if (typeof value !== "object" || value === null || typeof (value as { orderId?: unknown }).orderId !== "string") {
    throw new Error("not an order event: expected a JSON object with a string orderId");
  }
  return value as OrderEvent;
}
