import { readBoolean, readHost, readPort, readUrl, type Env } from "../shared/env-settings.js";

export interface CheckoutSettings {
  host: string;
  port: number;
  inventoryUrl: string;
  paymentUrl: string;
  natsUrl: string;
  /** Retry a charge answered 5xx, up to 2 more tries (SHOP_CHECKOUT_RETRY). */
  retryCharges: boolean;
}

export function readCheckoutSettings(env: Env): CheckoutSettings {
  return {
    host: readHost(env),
    port: readPort(env, "PORT", 0),
    inventoryUrl: readUrl(env, "INVENTORY_URL", ["http:", "https:"]),
    paymentUrl: readUrl(env, "PAYMENT_URL", ["http:", "https:"]),
    natsUrl: readUrl(env, "NATS_URL", ["nats:"]),
    retryCharges: readBoolean(env, "SHOP_CHECKOUT_RETRY", false),
  };
}
