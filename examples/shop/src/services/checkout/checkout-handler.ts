// The checkout saga for one order: reserve → charge → publish the outcome. Every outcome, good or
// bad, publishes one event, so the notification service tells the customer either way.
import type { Request, RequestHandler, Response } from "express";
import type { JetStreamClient } from "nats";
import type { Logger } from "pino";
import { orderTotalCents, type OrderLine } from "../shared/catalog.js";
import { DependencyError, postJson, type JsonAnswer } from "../shared/http-client.js";
import { ORDER_FAILED_SUBJECT, ORDER_PLACED_SUBJECT, type OrderEvent } from "../shared/order-events.js";
import { chargeWithRetry } from "./charge-with-retry.js";
import type { CheckoutSettings } from "./checkout-settings.js";
import { publishOrderEvent } from "./order-publisher.js";

/** A slow reservation takes SHOP_SLOW_INVENTORY_MS (default 400) — well inside this budget. */
const INVENTORY_TIMEOUT_MS = 3_000;
const PAYMENT_TIMEOUT_MS = 2_000;

interface CheckoutRequest {
  orderId: string;
  customerId: string;
  items: OrderLine[];
  card: string;
}

interface CheckoutAnswer {
  httpStatus: number;
  body: { orderId: string; status: "confirmed" | "declined" | "failed"; error?: string };
}

function parseCheckoutRequest(body: unknown): CheckoutRequest | undefined {
  const { orderId, customerId, items, card } = (body ?? {}) as Record<string, unknown>;
  if (typeof orderId !== "string" || typeof customerId !== "string" || typeof card !== "string" || !Array.isArray(items)) {
    return undefined;
  }
  return { orderId, customerId, items: items as OrderLine[], card };
}

export function createCheckoutHandler(settings: CheckoutSettings, js: JetStreamClient, logger: Logger): RequestHandler {
  async function publish(subject: string, event: OrderEvent, log: object): Promise<boolean> {
    try {
      await publishOrderEvent(js, subject, event);
      return true;
    } catch (error) {
      logger.error({ ...log, subject, err: error }, "could not publish the order event");
      return false;
    }
  }

  async function checkout(order: CheckoutRequest): Promise<CheckoutAnswer> {
    const log = { order_id: order.orderId, customer_id: order.customerId };
    const amountCents = orderTotalCents(order.items);
    const event: OrderEvent = { orderId: order.orderId, customerId: order.customerId, items: order.items, amountCents };
    const fail = async (httpStatus: number, reason: string, extra: object = {}): Promise<CheckoutAnswer> => {
      logger.error({ ...log, ...extra, reason }, "order failed");
      await publish(ORDER_FAILED_SUBJECT, { ...event, reason }, log);
      return { httpStatus, body: { orderId: order.orderId, status: "failed", error: reason } };
    };

    let reserved: JsonAnswer;
    try {
      reserved = await postJson("inventory", `${settings.inventoryUrl}/reserve`, { orderId: order.orderId, items: order.items }, INVENTORY_TIMEOUT_MS);
    } catch (error) {
      if (!(error instanceof DependencyError)) throw error;
      return fail(error.kind === "timeout" ? 504 : 503, "inventory unavailable", { cause: error.message });
    }
    if (reserved.status !== 200) return fail(503, "inventory unavailable", { inventory_status: reserved.status });

    let charged;
    try {
      charged = await chargeWithRetry(
        () => postJson("payment", `${settings.paymentUrl}/charge`, { orderId: order.orderId, amountCents, card: order.card }, PAYMENT_TIMEOUT_MS),
        { retry: settings.retryCharges, onRetry: (attempt, status) => logger.warn({ ...log, attempt, payment_status: status }, "retrying charge") },
      );
    } catch (error) {
      if (!(error instanceof DependencyError)) throw error;
      return fail(error.kind === "timeout" ? 504 : 503, "payment unavailable", { cause: error.message });
    }
    const { answer, attempts } = charged;

    if (answer.status === 402) {
      logger.warn({ ...log, attempts, reason: answer.body.reason }, "charge declined by payment");
      await publish(ORDER_FAILED_SUBJECT, { ...event, reason: "card declined" }, log);
      return { httpStatus: 402, body: { orderId: order.orderId, status: "declined", error: "card declined" } };
    }
    if (answer.status < 200 || answer.status > 299) return fail(503, "payment unavailable", { attempts, payment_status: answer.status });

    if (!(await publish(ORDER_PLACED_SUBJECT, event, log))) {
      return { httpStatus: 500, body: { orderId: order.orderId, status: "failed", error: "order event could not be published" } };
    }
    logger.info({ ...log, amount_cents: amountCents, attempts }, "order placed");
    return { httpStatus: 201, body: { orderId: order.orderId, status: "confirmed" } };
  }

  return async (req: Request, res: Response) => {
    const order = parseCheckoutRequest(req.body);
    if (!order) {
      res.status(400).json({ error: "expected {orderId, customerId, items, card}" });
      return;
    }
    const answer = await checkout(order);
    res.status(answer.httpStatus).json(answer.body);
  };
}
