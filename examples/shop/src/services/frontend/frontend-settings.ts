import { readHost, readPort, readUrl, type Env } from "../shared/env-settings.js";

export interface FrontendSettings {
  host: string;
  port: number;
  /** Base URL of the checkout service. */
  checkoutUrl: string;
}

export function readFrontendSettings(env: Env): FrontendSettings {
  return { host: readHost(env), port: readPort(env, "PORT", 0), checkoutUrl: readUrl(env, "CHECKOUT_URL", ["http:", "https:"]) };
}
