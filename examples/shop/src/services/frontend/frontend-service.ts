// frontend: the shop's public API. `POST /api/orders` validates the order, passes it to checkout
// and answers an OrderResponse with the trace id (body and W3C `traceresponse` header).
import { randomUUID } from "node:crypto";
import type { OrderResponse } from "../../shop-contract.js";
import { createJsonApp, jsonErrors, listen } from "../shared/http-service.js";
import { createLogger, runService } from "../shared/service-runtime.js";
import { currentTraceResponse } from "../shared/trace-response.js";
import { readFrontendSettings } from "./frontend-settings.js";
import { checkOrderRequest } from "./order-request.js";
import { placeOrder } from "./place-order.js";

const logger = createLogger();

runService(logger, async () => {
  const settings = readFrontendSettings(process.env);
  const app = createJsonApp();

  app.post("/api/orders", async (req, res) => {
    const { traceId, header } = currentTraceResponse();
    if (header) res.setHeader("traceresponse", header);
    const check = checkOrderRequest(req.body, () => `guest-${randomUUID().slice(0, 8)}`);
    if (!check.ok) {
      logger.info({ reason: check.error }, "order rejected");
      res.status(400).json({ error: check.error, traceId });
      return;
    }
    const orderId = `ord_${randomUUID()}`;
    const placed = await placeOrder(settings.checkoutUrl, orderId, check.order, logger);
    const body: OrderResponse = { ...placed.response, traceId };
    res.status(placed.httpStatus).json(body);
  });
  app.use(jsonErrors(logger));

  return listen(app, logger, settings.host, settings.port);
});
