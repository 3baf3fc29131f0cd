import { readHost, readMillis, readPort, readRate, type Env } from "../shared/env-settings.js";

export interface InventorySettings {
  host: string;
  port: number;
  /** SHOP_SLOW_INVENTORY_RATE: share of slow reservations; default 0.1. */
  slowRate: number;
  /** SHOP_SLOW_INVENTORY_MS: extra latency of a slow reservation; default 400. */
  slowMs: number;
}

export function readInventorySettings(env: Env): InventorySettings {
  return {
    host: readHost(env),
    port: readPort(env, "PORT", 0),
    slowRate: readRate(env, "SHOP_SLOW_INVENTORY_RATE", 0.1),
    slowMs: readMillis(env, "SHOP_SLOW_INVENTORY_MS", 400),
  };
}
