// Validation of `POST /api/orders` bodies at the edge, so the services behind it see only
// well-formed orders. Messages say what was wrong and how a valid order looks.
import type { OrderRequest } from "../../shop-contract.js";
import { findItem } from "../shared/catalog.js";
import { isCardNumber } from "../shared/cards.js";

const MAX_LINES = 20;
const MAX_QUANTITY = 99;

export type OrderRequestCheck = { ok: true; order: Required<OrderRequest> } | { ok: false; error: string };

export function checkOrderRequest(body: unknown, newCustomerId: () => string): OrderRequestCheck {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, error: 'expected a JSON object like {"items":[{"sku":"TEA-SENCHA-100","quantity":1}],"card":"4242424242424242"}' };
  }
  const { customerId, items, card } = body as Record<string, unknown>;
  if (customerId !== undefined && (typeof customerId !== "string" || customerId === "" || customerId.length > 64)) {
    return { ok: false, error: "customerId must be a non-empty string of at most 64 characters when given" };
  }
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_LINES) {
    return { ok: false, error: `items must be an array of 1 to ${MAX_LINES} {sku, quantity} lines` };
  }
  const lines: OrderRequest["items"] = [];
  for (const [index, line] of items.entries()) {
    const { sku, quantity } = (typeof line === "object" && line !== null ? line : {}) as Record<string, unknown>;
    if (typeof sku !== "string" || !findItem(sku)) return { ok: false, error: `items[${index}].sku is not a product of the shop` };
    if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
      return { ok: false, error: `items[${index}].quantity must be a whole number from 1 to ${MAX_QUANTITY}` };
    }
    lines.push({ sku, quantity });
  }
  if (typeof card !== "string" || !isCardNumber(card)) {
    return { ok: false, error: "card must be a card number of 12 to 19 digits without spaces" };
  }
  return { ok: true, order: { customerId: customerId ?? newCustomerId(), items: lines, card } };
}
