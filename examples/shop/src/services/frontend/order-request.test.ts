import { describe, expect, it } from "vitest";
import { GOOD_CARD } from "../../shop-contract.js";
import { checkOrderRequest } from "./order-request.js";

const guest = () => "guest-1";

describe("checkOrderRequest", () => {
  it("accepts a valid order and fills a missing customer id", () => {
    const check = checkOrderRequest({ items: [{ sku: "TEA-SENCHA-100", quantity: 2 }], card: GOOD_CARD }, guest);
    expect(check).toEqual({
      ok: true,
      order: { customerId: "guest-1", items: [{ sku: "TEA-SENCHA-100", quantity: 2 }], card: GOOD_CARD },
    });
  });

  it("keeps a given customer id and drops unknown line fields", () => {
    const check = checkOrderRequest(
      { customerId: "cust-7", items: [{ sku: "MUG-STONE-350", quantity: 1, note: "gift" }], card: GOOD_CARD },
      guest,
    );
    expect(check.ok && check.order).toEqual({ customerId: "cust-7", items: [{ sku: "MUG-STONE-350", quantity: 1 }], card: GOOD_CARD });
  });

  it.each([
    [null, /expected a JSON object/],
    [{ items: [], card: GOOD_CARD }, /items must be an array of 1 to 20/],
    [{ items: [{ sku: "NOPE", quantity: 1 }], card: GOOD_CARD }, /items\[0\]\.sku is not a product/],
    [{ items: [{ sku: "TEA-SENCHA-100", quantity: 1.5 }], card: GOOD_CARD }, /items\[0\]\.quantity must be a whole number/],
    [{ items: [{ sku: "TEA-SENCHA-100", quantity: 1 }], card: "4242 4242 4242 4242" }, /card must be a card number/],
    [{ customerId: "", items: [{ sku: "TEA-SENCHA-100", quantity: 1 }], card: GOOD_CARD }, /customerId must be/],
  ])("rejects %j", (body, message) => {
    const check = checkOrderRequest(body, guest);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.error).toMatch(message);
  });
});
