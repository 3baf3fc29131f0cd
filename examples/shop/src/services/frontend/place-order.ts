// The frontend's one use case: pass a validated order to checkout and translate its answer into
// the public OrderResponse (shop-contract.ts) with the HTTP status a client expects.
import type { Logger } from "pino";
import type { OrderRequest, OrderResponse } from "../../shop-contract.js";
import { DependencyError, postJson } from "../shared/http-client.js";

/** Longer than checkout's own budget (reserve + up to 3 charges), so checkout answers first. */
const CHECKOUT_TIMEOUT_MS = 8_000;

export interface PlacedOrder {
  httpStatus: number;
  response: Omit<OrderResponse, "traceId">;
}

export async function placeOrder(
  checkoutUrl: string,
  orderId: string,
  order: Required<OrderRequest>,
  logger: Logger,
): Promise<PlacedOrder> {
  const context = { order_id: orderId, customer_id: order.customerId };
  let answer;
  try {
    answer = await postJson("checkout", `${checkoutUrl}/checkout`, { orderId, ...order }, CHECKOUT_TIMEOUT_MS);
  } catch (error) {
    if (!(error instanceof DependencyError)) throw error;
    logger.error({ ...context, err: error }, "order failed: checkout gave no answer");
    return { httpStatus: error.kind === "timeout" ? 504 : 503, response: { orderId, status: "failed", error: error.message } };
  }
  const detail = typeof answer.body.error === "string" ? answer.body.error : undefined;
  if (answer.status === 201) {
    logger.info(context, "order confirmed");
    return { httpStatus: 201, response: { orderId, status: "confirmed" } };
  }
  if (answer.status === 402) {
    logger.warn({ ...context, reason: detail }, "order declined");
    return { httpStatus: 402, response: { orderId, status: "declined", error: detail ?? "card declined" } };
  }
  // 5xx keep their status (503 payment unavailable, 504 timeout); another 4xx means the frontend
  // sent something checkout does not accept, a bug on this side: 500.
  const httpStatus = answer.status >= 500 ? answer.status : 500;
  logger.error({ ...context, checkout_status: answer.status, reason: detail }, "order failed");
  return { httpStatus, response: { orderId, status: "failed", error: detail ?? `checkout answered ${answer.status}` } };
}
