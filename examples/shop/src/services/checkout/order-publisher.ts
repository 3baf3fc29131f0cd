// Publishes order events to JetStream inside a PRODUCER span (@skein/node withProducerSpan), which
// injects the span's W3C context into the NATS headers, so the notification consumer continues
// the order's trace.
import { withProducerSpan } from "@skein/node";
import { headers, type JetStreamClient } from "nats";
import { encodeOrderEvent, type OrderEvent } from "../shared/order-events.js";

export async function publishOrderEvent(js: JetStreamClient, subject: string, event: OrderEvent): Promise<void> {
  const data = encodeOrderEvent(event);
  const natsHeaders = headers();
  await withProducerSpan(
    { destination: subject, headers: natsHeaders, system: "nats", messageId: event.orderId, bodySize: data.length },
    // msgID is JetStream's de-duplication key: a re-sent event for the same order is stored once.
    () => js.publish(subject, data, { headers: natsHeaders, msgID: event.orderId }),
  );
}
