import { describe, expect, it } from "vitest";
import { ShopError } from "../errors.js";
import { resolveShopOptions } from "./shop-options.js";

describe("resolveShopOptions", () => {
  it("applies the contract's defaults", () => {
    expect(resolveShopOptions({ otlpEndpoint: "http://127.0.0.1:4318/" })).toEqual({
      otlpEndpoint: "http://127.0.0.1:4318",
      host: "127.0.0.1",
      frontendPort: 0,
      declineRate: 0.1,
      slowInventoryRate: 0.1,
      slowInventoryMs: 400,
      paymentUnavailableRate: 0.05,
      checkoutRetry: false,
      readyTimeoutMs: 30_000,
    });
  });

  it.each([
    [{ otlpEndpoint: "localhost:4318" }, /otlpEndpoint must be an http/],
    [{ otlpEndpoint: "nonsense" }, /otlpEndpoint must be an OTLP\/HTTP base URL/],
    [{ otlpEndpoint: "http://x:1", declineRate: 2 }, /declineRate must be a number from 0 to 1, got 2/],
    [{ otlpEndpoint: "http://x:1", paymentUnavailableRate: -0.1 }, /paymentUnavailableRate/],
    [{ otlpEndpoint: "http://x:1", slowInventoryMs: 1.5 }, /slowInventoryMs must be a whole number/],
    [{ otlpEndpoint: "http://x:1", frontendPort: 70_000 }, /frontendPort must be a whole number from 0 to 65535/],
  ])("rejects %j", (options, message) => {
    expect(() => resolveShopOptions(options)).toThrow(ShopError);
    expect(() => resolveShopOptions(options)).toThrow(message);
  });
});
