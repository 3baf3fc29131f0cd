// The session's control flow with a stubbed shop (the real one is in e2e/demo-command.test.ts).
import { formatUnexpectedExit, type LoadOptions, type LoadStats, type ShopHandle, type ShopOptions } from "@skein/example-shop";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../cli-io.js";
import { stopDemo } from "./demo-command.js";
import { startDemoSession, type DemoRunSettings, type DemoShop } from "./demo-session.js";

const SETTINGS: DemoRunSettings = {
  apiUrl: "http://127.0.0.1:16686",
  otlpEndpoint: "http://127.0.0.1:4318",
  natsServerPath: "/usr/sbin/nats-server",
  ratePerSecond: 5,
  checkoutRetry: false,
  quiet: true,
};

const STATS: LoadStats = { sent: 3, confirmed: 3, declined: 0, failed: 0, unreachable: 0, elapsedMs: 600, p50Ms: 20, p99Ms: 40, lastTraceIds: {} };

function capture(): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: {},
    cwd: "/",
    out: () => out,
    err: () => err,
  };
}

/** A shop that starts at once (running `whileStarting` first) and a load that runs until aborted. */
function stubShop(whileStarting: (options: ShopOptions) => void = () => undefined) {
  const calls = { stops: 0, loads: 0, onOutput: undefined as ShopOptions["onOutput"] };
  const handle: ShopHandle = {
    frontendUrl: "http://127.0.0.1:1",
    natsUrl: "nats://127.0.0.1:2",
    services: [{ name: "frontend", pid: 1, url: "http://127.0.0.1:1" }],
    stop: async () => void (calls.stops += 1),
  };
  const shop: DemoShop = {
    startShop: async (options) => {
      calls.onOutput = options.onOutput;
      whileStarting(options);
      return handle;
    },
    runLoad: (options: LoadOptions) => {
      calls.loads += 1;
      return new Promise((resolve) => options.signal!.addEventListener("abort", () => resolve(STATS)));
    },
  };
  return { shop, calls };
}

describe("startDemoSession", () => {
  it("on Ctrl-C while the shop starts, stops the shop again and never starts the load", async () => {
    const ctrlC = new AbortController();
    const { shop, calls } = stubShop(() => ctrlC.abort());
    const io = capture();
    const session = await startDemoSession(SETTINGS, io, { signal: ctrlC.signal, shop });
    expect(await session.finished).toBeUndefined();
    expect(calls).toMatchObject({ loads: 0, stops: 1 });
    expect(io.out()).toContain("demo: interrupted while the shop started; stopping it\n");
    expect(io.out()).not.toContain("load running");
    expect(await stopDemo(session, SETTINGS.apiUrl, io)).toBe(0);
    expect(calls.stops).toBe(1);
  });

  it("starts nothing when interrupted before the shop was started", async () => {
    const ctrlC = new AbortController();
    ctrlC.abort();
    const { shop, calls } = stubShop();
    const session = await startDemoSession(SETTINGS, capture(), { signal: ctrlC.signal, shop });
    expect(await session.stop()).toBeUndefined();
    expect(calls).toMatchObject({ loads: 0, stops: 0, onOutput: undefined });
  });

  it("runs the load until stopped, then stops the shop; exit status 0", async () => {
    const { shop, calls } = stubShop();
    const io = capture();
    const session = await startDemoSession(SETTINGS, io, { signal: new AbortController().signal, shop });
    expect(calls).toMatchObject({ loads: 1, stops: 0 });
    expect(io.out()).toContain("demo: load running: 5 orders/s until Ctrl-C\n");
    expect(await stopDemo(session, SETTINGS.apiUrl, io)).toBe(0);
    expect(calls.stops).toBe(1);
    expect(io.out()).toContain("demo stopped\n  orders 3 · ");
    expect(io.out()).not.toContain("degraded");
  });

  it("says in the summary that a shop process died during the demo, and exits 1", async () => {
    const { shop, calls } = stubShop();
    const io = capture();
    const session = await startDemoSession(SETTINGS, io, { shop });
    calls.onOutput!("payment", formatUnexpectedExit({ service: "payment", exit: "was killed by SIGKILL" }));
    expect(session.unexpectedExits).toEqual(["payment was killed by SIGKILL"]);
    expect(await stopDemo(session, SETTINGS.apiUrl, io)).toBe(1);
    expect(io.out()).toContain("  the shop was degraded: payment was killed by SIGKILL unexpectedly\n");
    expect(io.err()).toContain("[launcher] payment was killed by SIGKILL unexpectedly"); // shown at once, also with --quiet
  });
});
