// notification: a durable JetStream pull consumer of `orders.>`. Each message is handled in a
// CONSUMER span (@skein/node withConsumerSpan) linked to the checkout's producer span — and
// parented by it, since the launcher sets SKEIN_PARENT_CONSUMER_SPANS=true, so one order is one
// trace. The message is acked after it was handled; a message that is not an order event is
// terminated (never redelivered), a failed send is nak'ed for redelivery.
import { withConsumerSpan } from "@skein/node";
import { AckPolicy, connect, type JsMsg } from "nats";
import type { Logger } from "pino";
import { NOTIFICATION_CONSUMER, ORDER_PLACED_SUBJECT, ORDERS_STREAM, decodeOrderEvent } from "../shared/order-events.js";
import { drainNats } from "../shared/drain-nats.js";
import { createLogger, runService } from "../shared/service-runtime.js";
import { jitter, sleep } from "../shared/sleep.js";
import { readNotificationSettings } from "./notification-settings.js";

const logger = createLogger();
/** Acks of the last messages take milliseconds while nats-server is up. */
const DRAIN_TIMEOUT_MS = 2_000;

async function notify(msg: JsMsg, log: Logger): Promise<void> {
  const event = decodeOrderEvent(msg.data);
  const fields = { order_id: event.orderId, customer_id: event.customerId };
  await sleep(jitter(3, 15)); // handing the e-mail to the mail relay
  if (msg.subject === ORDER_PLACED_SUBJECT) {
    log.info({ ...fields, amount_cents: event.amountCents }, "order confirmation sent");
  } else if (event.reason === "card declined" || event.reason?.startsWith("payment")) {
    log.info({ ...fields, reason: event.reason }, "payment failure notice sent");
  } else {
    log.info({ ...fields, reason: event.reason }, "order failure notice sent");
  }
}

runService(logger, async () => {
  const settings = readNotificationSettings(process.env);
  const nats = await connect({ servers: settings.natsUrl, name: "notification" });
  const jsm = await nats.jetstreamManager();
  // Idempotent: adding a durable consumer with the same configuration returns the existing one.
  await jsm.consumers.add(ORDERS_STREAM, { durable_name: NOTIFICATION_CONSUMER, ack_policy: AckPolicy.Explicit });
  const consumer = await nats.jetstream().consumers.get(ORDERS_STREAM, NOTIFICATION_CONSUMER);
  const messages = await consumer.consume({ max_messages: 64 });
  logger.info({ stream: ORDERS_STREAM, consumer: NOTIFICATION_CONSUMER }, "consuming");

  const loop = (async () => {
    for await (const msg of messages) {
      const messageId = msg.headers?.get("Nats-Msg-Id") || String(msg.seq);
      try {
        await withConsumerSpan(
          { headers: msg.headers, destination: msg.subject, system: "nats", messageId, bodySize: msg.data.length },
          () => notify(msg, logger),
        );
        msg.ack();
      } catch (error) {
        const poison = error instanceof SyntaxError || (error instanceof Error && error.message.startsWith("not an order event"));
        logger.error({ subject: msg.subject, message_id: messageId, err: error }, poison ? "dropped a message that is not an order event" : "notification failed, will retry");
        if (poison) msg.term();
        else msg.nak(1_000);
      }
    }
  })();

  return {
    async close() {
      await messages.close();
      await loop;
      await drainNats(nats, DRAIN_TIMEOUT_MS, logger);
    },
  };
});
