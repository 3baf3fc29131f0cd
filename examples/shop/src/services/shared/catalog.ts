// What the shop sells. Shared by checkout (prices), inventory (what can be reserved), the
// frontend (validation) and the load generator (realistic orders).

export interface CatalogItem {
  sku: string;
  name: string;
  priceCents: number;
}

export const CATALOG: readonly CatalogItem[] = [
  { sku: "TEA-EARLGREY-100", name: "Earl Grey, 100 g", priceCents: 690 },
  { sku: "TEA-SENCHA-100", name: "Sencha, 100 g", priceCents: 890 },
  { sku: "TEA-ASSAM-250", name: "Assam, 250 g", priceCents: 1190 },
  { sku: "MUG-STONE-350", name: "Stoneware mug, 350 ml", priceCents: 1450 },
  { sku: "POT-CAST-800", name: "Cast iron teapot, 0.8 l", priceCents: 4900 },
  { sku: "KETTLE-GOOSE-1L", name: "Gooseneck kettle, 1 l", priceCents: 6990 },
  { sku: "FILTER-PAPER-100", name: "Paper filters, 100 pcs", priceCents: 390 },
  { sku: "SCALE-DIGI-500", name: "Digital scale, 500 g", priceCents: 2590 },
];

const BY_SKU = new Map(CATALOG.map((item) => [item.sku, item]));

export function findItem(sku: string): CatalogItem | undefined {
  return BY_SKU.get(sku);
}

export interface OrderLine {
  sku: string;
  quantity: number;
}

/** Total in cents; every sku must be in the catalog (validated by the frontend first). */
export function orderTotalCents(items: readonly OrderLine[]): number {
  return items.reduce((sum, line) => sum + (findItem(line.sku)?.priceCents ?? 0) * line.quantity, 0);
}
