import { describe, expect, it } from "vitest";
import { envBoolean, envFlag, envKeyValues, envList, envNonNegativeNumber, envString } from "./env-values.js";

function collect(): { warn: (m: string) => void; warnings: string[] } {
  const warnings: string[] = [];
  return { warn: (m) => warnings.push(m), warnings };
}

describe("env values", () => {
  it("treats unset and blank as unset", () => {
    expect(envString({}, "A")).toBeUndefined();
    expect(envString({ A: "  " }, "A")).toBeUndefined();
    expect(envString({ A: " x " }, "A")).toBe("x");
  });

  it("reads OTEL_* booleans as the OTel spec does: only true (any case) is true, anything else false", () => {
    const { warn, warnings } = collect();
    expect(envBoolean({ A: "TRUE" }, "A", warn)).toBe(true);
    expect(envBoolean({ A: "False" }, "A", warn)).toBe(false);
    expect(envBoolean({}, "A", warn)).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(envBoolean({ A: "1" }, "A", warn)).toBe(false);
    expect(envBoolean({ A: "yes" }, "A", warn)).toBe(false);
    expect(warnings).toEqual([
      'A="1" is not a boolean; use true to turn it on. Treating it as false.',
      'A="yes" is not a boolean; use true to turn it on. Treating it as false.',
    ]);
  });

  it("reads SKEIN_* flags as true/1 or false/0; anything else is false, with a warning", () => {
    const { warn, warnings } = collect();
    expect(envFlag({ A: "True" }, "A", warn)).toBe(true);
    expect(envFlag({ A: "1" }, "A", warn)).toBe(true);
    expect(envFlag({ A: "0" }, "A", warn)).toBe(false);
    expect(envFlag({ A: "false" }, "A", warn)).toBe(false);
    expect(warnings).toEqual([]);
    expect(envFlag({ A: "on" }, "A", warn)).toBe(false);
    expect(warnings).toEqual(['A="on" is not a boolean; use true or 1 to turn it on. Treating it as false.']);
  });

  it("reads non-negative numbers and warns about others", () => {
    const { warn, warnings } = collect();
    expect(envNonNegativeNumber({ A: "100" }, "A", warn)).toBe(100);
    expect(envNonNegativeNumber({ A: "0" }, "A", warn)).toBe(0);
    expect(envNonNegativeNumber({ A: "-1" }, "A", warn)).toBeUndefined();
    expect(envNonNegativeNumber({ A: "soon" }, "A", warn)).toBeUndefined();
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toContain('A="soon"');
  });

  it("splits lists, lower-cases and drops empty entries", () => {
    expect(envList({ A: " Dns, ,net ," }, "A")).toEqual(["dns", "net"]);
    expect(envList({}, "A")).toEqual([]);
  });

  it("parses key=value lists with percent-decoding and skips malformed entries with a warning", () => {
    const { warn, warnings } = collect();
    const parsed = envKeyValues({ A: "service.name=shop, team = pay%20ments,broken,=x,k=a%3Db" }, "A", warn);
    expect(parsed).toEqual({ "service.name": "shop", team: "pay ments", k: "a=b" });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('"broken" is not key=value');
  });

  it("skips an entry with a bad percent-encoding, or discards the whole value when asked (OTEL_RESOURCE_ATTRIBUTES)", () => {
    const { warn, warnings } = collect();
    const env = { A: "a=b%2Cc,bad=%E0%A4%A,team=x%20y" };
    expect(envKeyValues(env, "A", warn)).toEqual({ a: "b,c", team: "x y" });
    expect(envKeyValues(env, "A", warn, "discard-all")).toEqual({});
    expect(warnings).toEqual([
      'A: "bad=%E0%A4%A" has a bad percent-encoding (a \'%\' must start an escape like %2C or %20). Skipping it.',
      'A: "bad=%E0%A4%A" has a bad percent-encoding (a \'%\' must start an escape like %2C or %20). Ignoring the whole of A, as the OpenTelemetry spec asks.',
    ]);
  });
});
