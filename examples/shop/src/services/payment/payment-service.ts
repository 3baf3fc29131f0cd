// payment: `POST /charge` authorizes a card inside a manual `authorize card` span. A decline sets
// that span's status to ERROR "card declined" (no exception: declining is the processor's answer,
// not a crash) and writes the `card declined` error log INSIDE the span, so Skein shows the log
// on the very span that failed. Only the card's last 4 digits ever reach logs and spans.
import { randomUUID } from "node:crypto";
import { SpanStatusCode, trace } from "@opentelemetry/api";
import { decideCharge, isCardNumber, lastFour } from "../shared/cards.js";
import { createJsonApp, jsonErrors, listen } from "../shared/http-service.js";
import { createLogger, runService } from "../shared/service-runtime.js";
import { jitter, sleep } from "../shared/sleep.js";
import { readPaymentSettings } from "./payment-settings.js";

const logger = createLogger();
const tracer = trace.getTracer("@skein/example-shop/payment");

interface ChargeAnswer {
  status: number;
  body: Record<string, unknown>;
}

runService(logger, async () => {
  const settings = readPaymentSettings(process.env);
  const odds = { declineRate: settings.declineRate, unavailableRate: settings.unavailableRate };
  const app = createJsonApp();

  app.post("/charge", async (req, res) => {
    const { orderId, amountCents, card } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof orderId !== "string" || typeof card !== "string" || !isCardNumber(card) || !Number.isInteger(amountCents)) {
      res.status(400).json({ error: "expected {orderId: string, amountCents: integer, card: 12 to 19 digits}" });
      return;
    }
    const log = { order_id: orderId, card_last4: lastFour(card) };
    const attributes = { "order.id": orderId, "payment.card.last4": lastFour(card), "payment.amount_cents": amountCents as number };
    const answer = await tracer.startActiveSpan("authorize card", { attributes }, async (span): Promise<ChargeAnswer> => {
      try {
        await sleep(jitter(5, 25)); // the card network's round trip
        const decision = decideCharge(card, odds);
        span.setAttribute("payment.outcome", decision.outcome);
        if (decision.outcome === "declined") {
          span.setAttribute("payment.decline_reason", decision.reason);
          span.setStatus({ code: SpanStatusCode.ERROR, message: "card declined" });
          logger.error({ ...log, reason: decision.reason }, "card declined");
          return { status: 402, body: { error: "card declined", reason: decision.reason } };
        }
        if (decision.outcome === "unavailable") {
          span.setStatus({ code: SpanStatusCode.ERROR, message: "processor unavailable" });
          logger.error(log, "processor unavailable");
          return { status: 503, body: { error: "processor unavailable" } };
        }
        const chargeId = `ch_${randomUUID()}`;
        span.setAttribute("payment.charge_id", chargeId);
        logger.info({ ...log, charge_id: chargeId, amount_cents: amountCents }, "card charged");
        return { status: 201, body: { chargeId } };
      } finally {
        span.end();
      }
    });
    res.status(answer.status).json(answer.body);
  });
  app.use(jsonErrors(logger));

  return listen(app, logger, settings.host, settings.port);
});
