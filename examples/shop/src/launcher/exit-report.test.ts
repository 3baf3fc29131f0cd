import { describe, expect, it } from "vitest";
import { formatUnexpectedExit, parseUnexpectedExit } from "./exit-report.js";

describe("unexpected exit reports", () => {
  it("reads back what it wrote", () => {
    const line = formatUnexpectedExit({ service: "payment", exit: "was killed by SIGKILL" });
    expect(line).toBe("[launcher] payment was killed by SIGKILL unexpectedly; the shop is degraded — stop it and look at the lines above");
    expect(parseUnexpectedExit(line)).toEqual({ service: "payment", exit: "was killed by SIGKILL" });
    expect(parseUnexpectedExit(formatUnexpectedExit({ service: "nats", exit: "exited with code 1" }))).toEqual({ service: "nats", exit: "exited with code 1" });
  });

  it.each(['{"msg":"payment was killed unexpectedly"}', "[launcher] someone exited with code 1 unexpectedly; the shop is degraded — stop it and look at the lines above", "[skein] could not export spans"])("ignores %s", (line) => {
    expect(parseUnexpectedExit(line)).toBeUndefined();
  });
});
