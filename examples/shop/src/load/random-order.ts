// Random but realistic orders for the load generator: 1–3 different products, mostly single
// items, a few hundred returning customers, and cards that are mostly good.
import { DECLINED_CARD, GOOD_CARD, type OrderRequest } from "../shop-contract.js";
import { CATALOG } from "../services/shared/catalog.js";
import { withLuhnCheckDigit } from "../services/shared/cards.js";

const CUSTOMERS = 500;
/** Among cards that are not DECLINED_CARD, the share of GOOD_CARD; the rest are random valid numbers. */
const GOOD_CARD_SHARE = 0.7;
/** Visa and Mastercard prefixes of the test-like numbers. */
const CARD_PREFIXES = ["4", "51", "52", "53", "54", "55"];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/** 16 digits passing Luhn, never DECLINED_CARD. */
export function randomCardNumber(random: () => number): string {
  for (;;) {
    let digits = pick(CARD_PREFIXES, random);
    while (digits.length < 15) digits += String(Math.floor(random() * 10));
    const card = withLuhnCheckDigit(digits);
    if (card !== DECLINED_CARD) return card;
  }
}

export function randomOrder(random: () => number, declinedCardShare: number): OrderRequest {
  const lineCount = 1 + Math.floor(random() * 3);
  const skus = new Set<string>();
  while (skus.size < lineCount) skus.add(pick(CATALOG, random).sku);
  const items = [...skus].map((sku) => {
    const r = random();
    return { sku, quantity: r < 0.6 ? 1 : r < 0.9 ? 2 : 3 };
  });
  const customerId = `cust-${String(1 + Math.floor(random() * CUSTOMERS)).padStart(4, "0")}`;
  const card = random() < declinedCardShare ? DECLINED_CARD : random() < GOOD_CARD_SHARE ? GOOD_CARD : randomCardNumber(random);
  return { customerId, items, card };
}
