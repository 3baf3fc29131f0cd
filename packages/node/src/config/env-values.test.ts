import { describe, expect, it } from "vitest";
import { envBoolean, envKeyValues, envList, envNonNegativeNumber, envString } from "./env-values.js";

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

  it("reads booleans as true/1 and false/0, case-insensitively, and warns about anything else", () => {
    const { warn, warnings } = collect();
    expect(envBoolean({ A: "TRUE" }, "A", warn)).toBe(true);
    expect(envBoolean({ A: "1" }, "A", warn)).toBe(true);
    expect(envBoolean({ A: "False" }, "A", warn)).toBe(false);
    expect(envBoolean({ A: "0" }, "A", warn)).toBe(false);
    expect(warnings).toEqual([]);
    expect(envBoolean({ A: "yes" }, "A", warn)).toBeUndefined();
    expect(warnings).toEqual(['A="yes" is not a boolean; use true or false. Ignoring it.']);
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
});
