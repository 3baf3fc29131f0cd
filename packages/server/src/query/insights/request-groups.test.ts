import { SpanKind } from "@skein/model";
import { describe, expect, it } from "vitest";
import { MINUTE_MS } from "./metrics-range.js";
import { readRequestServices, selectRequestGroups } from "./request-groups.js";
import { storageWithRollups } from "./testdata/metrics-storage.js";
import { BASE_MINUTE_MS } from "./testdata/rollup-fixtures.js";
import { shopMinute, shopRollups } from "./testdata/shop-rollups.js";

describe("selectRequestGroups", () => {
  it("keeps SERVER and CONSUMER groups of services that have them, and every group of the others", () => {
    const groups = [
      { service: "a", kind: SpanKind.SERVER },
      { service: "a", kind: SpanKind.CLIENT },
      { service: "a", kind: SpanKind.INTERNAL },
      { service: "b", kind: SpanKind.CONSUMER },
      { service: "b", kind: SpanKind.PRODUCER },
      { service: "c", kind: SpanKind.INTERNAL },
      { service: "c", kind: SpanKind.CLIENT },
      { service: "d", kind: SpanKind.SERVER },
      { service: "d", kind: SpanKind.CONSUMER },
    ];
    expect(selectRequestGroups(groups)).toEqual([
      { service: "a", kind: SpanKind.SERVER },
      { service: "b", kind: SpanKind.CONSUMER },
      { service: "c", kind: SpanKind.INTERNAL },
      { service: "c", kind: SpanKind.CLIENT },
      { service: "d", kind: SpanKind.SERVER },
      { service: "d", kind: SpanKind.CONSUMER },
    ]);
  });
});

describe("readRequestServices", () => {
  it("splits the range's services by the request rule, with each one's request totals", async () => {
    const storage = await storageWithRollups(shopRollups());
    try {
      const { handling, others, totals } = await readRequestServices(storage.metrics.reader, { startUnixMs: BASE_MINUTE_MS, endUnixMs: BASE_MINUTE_MS + 10 * MINUTE_MS });
      expect(handling.sort()).toEqual(["frontend", "payment", "worker"]);
      expect(others).toEqual(["batch"]);
      expect(totals.map((g) => [g.service, g.count, g.errorCount, g.kind]).sort()).toEqual([
        ["batch", 2.5, 0.5, null],
        ["frontend", 20, 5, null],
        ["payment", 12, 1, null],
        ["worker", 4, 0, null],
      ]);
      // Decided over the minutes read only: from minute 3, the worker's CONSUMER minute (2) is outside.
      const late = await readRequestServices(storage.metrics.reader, { startUnixMs: shopMinute(3), endUnixMs: shopMinute(10) });
      expect([late.handling.sort(), late.others]).toEqual([["frontend"], ["batch"]]);
    } finally {
      await storage.shutdown();
    }
  });
});
