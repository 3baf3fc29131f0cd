import { describe, expect, it } from "vitest";
import { ShopError } from "../errors.js";
import { ManagedProcess } from "./managed-process.js";

/** A real child: `node -e <script>`, ready at a line `ready <value>`. */
function node(script: string, lines: string[] = []): ManagedProcess<string> {
  return new ManagedProcess<string>({
    label: "child",
    command: process.execPath,
    args: ["-e", script],
    env: { PATH: process.env.PATH ?? "" },
    onLine: (line) => lines.push(line),
    readyWhen: (line) => /^ready (\S+)$/.exec(line)?.[1],
  });
}

describe("ManagedProcess", () => {
  it("resolves the readiness value and forwards stdout and stderr lines", async () => {
    const lines: string[] = [];
    const child = node(`console.error("warming up"); console.log("ready http://x:1"); setInterval(() => {}, 1000);`, lines);
    expect(await child.waitReady(10_000)).toBe("http://x:1");
    expect(lines).toEqual(expect.arrayContaining(["warming up", "ready http://x:1"]));
    await child.stop(5_000);
    expect(child.hasExited).toBe(true);
    expect(child.stopRequested).toBe(true);
  });

  it("rejects with the last output when the process exits before it is ready", async () => {
    const child = node(`console.error("invalid setting PORT=\\"x\\""); process.exit(3);`);
    const error = await child.waitReady(10_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopError);
    expect((error as ShopError).code).toBe("SKEIN_ERR_SHOP_NOT_READY");
    expect((error as Error).message).toContain("child exited with code 3 before it was ready");
    expect((error as Error).message).toContain('invalid setting PORT="x"');
  });

  it("rejects after the timeout and can still be stopped", async () => {
    const child = node(`console.log("booting"); setInterval(() => {}, 1000);`);
    await expect(child.waitReady(300)).rejects.toThrow(/child was not ready within 300 ms\nlast output of child:\n {2}booting/);
    await child.stop(5_000);
  });

  it("kills a process that ignores SIGTERM after the grace period; stop() is idempotent", async () => {
    const child = node(`process.on("SIGTERM", () => {}); console.log("ready 1"); setInterval(() => {}, 1000);`);
    await child.waitReady(10_000);
    const startedAt = Date.now();
    const [first, second] = await Promise.all([child.stop(300), child.stop(300)]);
    expect(first).toEqual({ code: null, signal: "SIGKILL" });
    expect(second).toEqual(first);
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    expect(child.describeExit()).toBe("was killed by SIGKILL");
  });

  it("is closed at its closedWhen line, before it exits; without such a line, at the exit", async () => {
    const child = new ManagedProcess<string>({
      label: "child",
      command: process.execPath,
      args: ["-e", `process.on("SIGTERM", () => { console.log("closed"); setTimeout(() => process.exit(0), 1500); }); console.log("ready 1"); setInterval(() => {}, 1000);`],
      env: {},
      onLine: () => undefined,
      readyWhen: (line) => /^ready (\S+)$/.exec(line)?.[1],
      closedWhen: (line) => line === "closed",
    });
    await child.waitReady(10_000);
    const stopped = child.stop(5_000);
    await child.closed;
    expect(child.hasExited).toBe(false);
    await stopped;

    const plain = node(`console.log("ready 1"); setInterval(() => {}, 1000);`);
    await plain.waitReady(10_000);
    void plain.stop(5_000);
    await plain.closed;
    expect(plain.hasExited).toBe(true);
  });

  it("sends one SIGTERM however often stop() is called", async () => {
    const lines: string[] = [];
    const child = node(`let n = 0; process.on("SIGTERM", () => { console.log("SIGTERM " + ++n); setTimeout(() => process.exit(0), 300); }); console.log("ready 1"); setInterval(() => {}, 1000);`, lines);
    await child.waitReady(10_000);
    const first = child.stop(5_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all([first, child.stop(5_000), child.stop(5_000)]);
    expect(lines.filter((line) => line.startsWith("SIGTERM"))).toEqual(["SIGTERM 1"]);
    expect(child.describeExit()).toBe("exited with code 0");
  });

  it("reports a command that cannot be spawned", async () => {
    const child = new ManagedProcess<string>({
      label: "ghost",
      command: "/nonexistent/ghost-binary",
      args: [],
      env: {},
      onLine: () => undefined,
      readyWhen: () => undefined,
    });
    await expect(child.waitReady(5_000)).rejects.toThrow(/ghost could not be started \(spawn \/nonexistent\/ghost-binary ENOENT\)/);
    await child.stop(100);
  });
});
