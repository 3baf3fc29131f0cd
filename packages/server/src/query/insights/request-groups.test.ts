import { SpanKind } from "@skein/model";
import { describe, expect, it } from "vitest";
import { selectRequestGroups } from "./request-groups.js";

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
