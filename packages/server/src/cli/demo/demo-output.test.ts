import { describe, expect, it } from "vitest";
import type { CliIo } from "../cli-io.js";
import { forwardServiceLine } from "./demo-output.js";

function capture(): CliIo & { err: () => string } {
  let err = "";
  return { stdout: { write: () => true }, stderr: { write: (text: string) => (err += text) }, env: {}, cwd: "/", err: () => err };
}

const EXPORT_WARNING = "[skein] could not export spans to http://127.0.0.1:4318/v1/traces (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4318). Spans are dropped until it answers; the app is not affected.";
const REPORT = "[launcher] payment was killed by SIGKILL unexpectedly; the shop is degraded — stop it and look at the lines above";

describe("forwardServiceLine", () => {
  it("always shows @skein/node's warnings and the launcher's reports, also with --quiet", () => {
    for (const quiet of [true, false]) {
      const io = capture();
      forwardServiceLine("checkout", EXPORT_WARNING, quiet, io);
      forwardServiceLine("payment", REPORT, quiet, io);
      expect(io.err()).toBe(`[checkout] ${EXPORT_WARNING}\n${REPORT}\n`);
    }
  });

  it("shows other non-JSON service lines and nats-server errors unless quiet, never pino JSON", () => {
    const lines: Array<[Parameters<typeof forwardServiceLine>[0], string]> = [
      ["payment", '{"level":30,"msg":"charge authorized"}'],
      ["payment", "TypeError: x is not a function"],
      ["nats", "[1] 2026/11/24 05:00:00.000000 [INF] Server is ready"],
      ["nats", "[1] 2026/11/24 05:00:00.000000 [ERR] something broke"],
    ];
    const loud = capture();
    const quiet = capture();
    for (const [source, line] of lines) {
      forwardServiceLine(source, line, false, loud);
      forwardServiceLine(source, line, true, quiet);
    }
    expect(loud.err()).toBe("[payment] TypeError: x is not a function\n[nats] [1] 2026/11/24 05:00:00.000000 [ERR] something broke\n");
    expect(quiet.err()).toBe("");
  });
});
