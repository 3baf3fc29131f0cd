// inventory: `POST /reserve` reserves stock inside a manual `reserve stock` span. A share of
// reservations (SHOP_SLOW_INVENTORY_RATE) is slow by SHOP_SLOW_INVENTORY_MS — the span's duration
// and its `inventory.slow` attribute show where an order's latency went. Stock never runs out.
import { randomUUID } from "node:crypto";
import { trace } from "@opentelemetry/api";
import { findItem } from "../shared/catalog.js";
import { createJsonApp, jsonErrors, listen } from "../shared/http-service.js";
import { createLogger, runService } from "../shared/service-runtime.js";
import { jitter, sleep } from "../shared/sleep.js";
import { readInventorySettings } from "./inventory-settings.js";

const logger = createLogger();
const tracer = trace.getTracer("@skein/example-shop/inventory");

runService(logger, async () => {
  const settings = readInventorySettings(process.env);
  const app = createJsonApp();

  app.post("/reserve", async (req, res) => {
    const { orderId, items } = (req.body ?? {}) as Record<string, unknown>;
    const lines = Array.isArray(items) ? (items as Array<{ sku?: unknown; quantity?: unknown }>) : [];
    const valid = lines.length > 0 && lines.every((l) => typeof l.sku === "string" && findItem(l.sku) && Number.isInteger(l.quantity));
    if (typeof orderId !== "string" || !valid) {
      res.status(400).json({ error: "expected {orderId: string, items: [{sku, quantity}]} with skus of the catalog" });
      return;
    }
    const units = lines.reduce((sum, l) => sum + (l.quantity as number), 0);
    const reservationId = await tracer.startActiveSpan(
      "reserve stock",
      { attributes: { "order.id": orderId, "inventory.lines": lines.length, "inventory.units": units } },
      async (span) => {
        try {
          const slow = Math.random() < settings.slowRate;
          span.setAttribute("inventory.slow", slow);
          if (slow) logger.warn({ order_id: orderId, delay_ms: settings.slowMs }, "stock lookup is slow: warehouse index rebuilding");
          await sleep(slow ? settings.slowMs + jitter(0, 20) : jitter(2, 8));
          const id = `res_${randomUUID()}`;
          logger.info({ order_id: orderId, reservation_id: id, units }, "stock reserved");
          return id;
        } finally {
          span.end();
        }
      },
    );
    res.json({ reservationId });
  });
  app.use(jsonErrors(logger));

  return listen(app, logger, settings.host, settings.port);
});
