// checkout: `POST /checkout` reserves stock at inventory, charges the card at payment (retrying
// 5xx when SHOP_CHECKOUT_RETRY is on) and publishes `orders.placed` or `orders.failed` to NATS.
// Answers 201 confirmed, 402 "card declined", 503/504 when a dependency failed.
import { connect } from "nats";
import { drainNats } from "../shared/drain-nats.js";
import { createJsonApp, jsonErrors, listen } from "../shared/http-service.js";
import { createLogger, runService } from "../shared/service-runtime.js";
import { readCheckoutSettings } from "./checkout-settings.js";
import { createCheckoutHandler } from "./checkout-handler.js";

const logger = createLogger();
/** The last orders' publishes are acked within milliseconds while nats-server is up. */
const DRAIN_TIMEOUT_MS = 2_000;

runService(logger, async () => {
  const settings = readCheckoutSettings(process.env);
  const nats = await connect({ servers: settings.natsUrl, name: "checkout" });
  const app = createJsonApp();
  app.post("/checkout", createCheckoutHandler(settings, nats.jetstream(), logger));
  app.use(jsonErrors(logger));
  const http = await listen(app, logger, settings.host, settings.port);
  return {
    async close() {
      await http.close();
      await drainNats(nats, DRAIN_TIMEOUT_MS, logger);
    },
  };
});
