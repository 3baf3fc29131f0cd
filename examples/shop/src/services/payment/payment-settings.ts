import { readHost, readPort, readRate, type Env } from "../shared/env-settings.js";

export interface PaymentSettings {
  host: string;
  port: number;
  /** SHOP_DECLINE_RATE: share of good cards declined at random; default 0.1. */
  declineRate: number;
  /** SHOP_PAYMENT_UNAVAILABLE_RATE: share of charges answered 503; default 0.05. */
  unavailableRate: number;
}

export function readPaymentSettings(env: Env): PaymentSettings {
  return {
    host: readHost(env),
    port: readPort(env, "PORT", 0),
    declineRate: readRate(env, "SHOP_DECLINE_RATE", 0.1),
    unavailableRate: readRate(env, "SHOP_PAYMENT_UNAVAILABLE_RATE", 0.05),
  };
}
