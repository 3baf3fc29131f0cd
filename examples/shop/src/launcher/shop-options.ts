// ShopOptions with defaults applied and checked, so a bad option fails before any process starts.
import { ShopError } from "../errors.js";
import type { ShopOptions } from "../shop-contract.js";

export interface ResolvedShopOptions {
  otlpEndpoint: string;
  host: string;
  frontendPort: number;
  declineRate: number;
  slowInventoryRate: number;
  slowInventoryMs: number;
  paymentUnavailableRate: number;
  checkoutRetry: boolean;
  readyTimeoutMs: number;
}

function invalid(message: string): ShopError {
  return new ShopError("SKEIN_ERR_SHOP_INVALID_OPTION", message);
}

function rate(name: string, value: number | undefined, fallback: number): number {
  const result = value ?? fallback;
  if (!Number.isFinite(result) || result < 0 || result > 1) throw invalid(`${name} must be a number from 0 to 1, got ${String(value)}`);
  return result;
}

function wholeNumber(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < min || result > max) {
    throw invalid(`${name} must be a whole number from ${min} to ${max}, got ${String(value)}`);
  }
  return result;
}

export function resolveShopOptions(options: ShopOptions): ResolvedShopOptions {
  let endpoint: URL;
  try {
    endpoint = new URL(options.otlpEndpoint);
  } catch {
    throw invalid(`otlpEndpoint must be an OTLP/HTTP base URL like http://127.0.0.1:4318, got ${JSON.stringify(options.otlpEndpoint)}`);
  }
  if (endpoint.protocol !== "http:" && endpoint.protocol !== "https:") {
    throw invalid(`otlpEndpoint must be an http:// or https:// URL, got ${JSON.stringify(options.otlpEndpoint)}`);
  }
  return {
    otlpEndpoint: options.otlpEndpoint.replace(/\/+$/, ""),
    host: options.host ?? "127.0.0.1",
    frontendPort: wholeNumber("frontendPort", options.frontendPort, 0, 0, 65_535),
    declineRate: rate("declineRate", options.declineRate, 0.1),
    slowInventoryRate: rate("slowInventoryRate", options.slowInventoryRate, 0.1),
    slowInventoryMs: wholeNumber("slowInventoryMs", options.slowInventoryMs, 400, 0, 60_000),
    paymentUnavailableRate: rate("paymentUnavailableRate", options.paymentUnavailableRate, 0.05),
    checkoutRetry: options.checkoutRetry ?? false,
    readyTimeoutMs: wholeNumber("readyTimeoutMs", options.readyTimeoutMs, 30_000, 1, 600_000),
  };
}
