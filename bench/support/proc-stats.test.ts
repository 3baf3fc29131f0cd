import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { processTree, sampleProcesses } from "./proc-stats.js";

describe("proc stats", () => {
  it("reads RSS, peak RSS and CPU time of this process", () => {
    let x = 0;
    for (let i = 0; i < 5e7; i++) x += i; // burn a little CPU
    const s = sampleProcesses([process.pid]);
    expect(x).toBeGreaterThan(0);
    expect(s.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(s.hwmBytes).toBeGreaterThanOrEqual(s.rssBytes);
    expect(s.cpuSeconds).toBeGreaterThan(0);
  });

  it("finds children in the process tree and skips processes that exited", async () => {
    const child = spawn("sleep", ["5"]);
    try {
      expect(processTree(process.pid)).toContain(child.pid);
    } finally {
      child.kill("SIGKILL");
    }
    await new Promise((r) => child.on("exit", r));
    expect(sampleProcesses([child.pid!]).rssBytes).toBe(0);
  });
});
