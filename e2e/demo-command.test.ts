import { spawn } from "node:child_process";
import { closedPort } from "./support/free-port.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, getJson } from "./support/api-client.js";
import { REPO_ROOT, runSkein, SKEIN_BIN, SkeinProcess, sleep } from "./support/skein-process.js";

// `skein demo` and `skein start --demo` as users run them: the built binary, a real Skein, the real
// shop (nats-server and five Node processes, which export with 500 ms batch delays by default).

const SHOP_SERVICES = ["checkout", "frontend", "inventory", "notification", "payment"];
const PROGRESS_LINE = /^orders \d+ · \d+ confirmed · \d+ declined · \d+ failed( · \d+ unanswered)? · \d+\.\d\/s · p50 \d+ ms p99 \d+ ms$/m;

/** Services Skein holds spans of, once all five shop services are there. */
async function allShopServices(apiUrl: string, timeoutMs: number): Promise<string[]> {
  return eventually(
    async () => {
      const { body } = await getJson<{ services: string[] }>(`${apiUrl}/api/v1/services`);
      return SHOP_SERVICES.every((name) => body.services.includes(name)) ? body.services : undefined;
    },
    timeoutMs,
    "spans from all five shop services",
  );
}

interface TerminalRun {
  output(): string;
  /** Resolves the exit code, or null when it did not exit within `timeoutMs` (the group is then killed). */
  exit(timeoutMs: number): Promise<number | null | "timeout">;
  pid: number;
}

/**
 * `skein demo` as a terminal runs it: the leader of its own process group, so that
 * `process.kill(-pid, "SIGINT")` is what Ctrl-C does — a SIGINT to every process of the group.
 */
function demoInTerminal(args: string[]): TerminalRun {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("SKEIN_") && !key.startsWith("OTEL_")) env[key] = value;
  const child = spawn(process.execPath, [SKEIN_BIN, "demo", ...args], { cwd: REPO_ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    pid: child.pid!,
    output: () => text,
    async exit(timeoutMs) {
      const code = await Promise.race([exited, sleep(timeoutMs).then(() => "timeout" as const)]);
      if (code === "timeout") {
        process.kill(-child.pid!, "SIGKILL");
        await exited;
      }
      return code;
    },
  };
}

describe("skein demo", () => {
  let skein: SkeinProcess;
  beforeAll(async () => {
    skein = await SkeinProcess.start();
  });
  afterAll(async () => {
    await skein?.cleanup();
  });

  it("runs the shop and the load for --duration, prints progress, and every service's spans reach Skein", async () => {
    const api = skein.endpoints.apiUrl;
    const run = await runSkein(["demo", "--api-url", api, "--rate", "10", "--duration", "6s"], {}, 90_000);
    const output = `--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
    expect(run.code, output).toBe(0);
    const otlpPort = /OTLP\/HTTP:\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(skein.stdout)![1];
    expect(run.stdout, output).toContain(`exporting to http://127.0.0.1:${otlpPort}\n`);
    const ready = /^demo: shop ready: frontend http:\/\/127\.0\.0\.1:\d+ · ([a-z, ]+) · NATS nats:\/\/127\.0\.0\.1:\d+$/m.exec(run.stdout);
    expect(ready?.[1].split(", ").sort(), output).toEqual(SHOP_SERVICES);
    expect(run.stdout, output).toContain(`failing orders: ${api}/search?service=frontend&errors=1&range=15m\n`);
    expect(run.stdout, output).toMatch(PROGRESS_LINE);
    const summary = run.stdout.slice(run.stdout.indexOf("demo stopped\n"));
    expect(summary, output).toMatch(/^ {2}orders (\d+) · /m);
    // 10 orders/s for 6 s, open loop: about 60 sent.
    const sent = Number(/^ {2}orders (\d+) · /m.exec(summary)![1]);
    expect(sent, output).toBeGreaterThanOrEqual(45);
    expect(sent, output).toBeLessThanOrEqual(75);

    // The services flushed when the demo stopped them: their spans are in Skein (commits may trail a little).
    expect(await allShopServices(api, 10_000)).toEqual(expect.arrayContaining(SHOP_SERVICES));
  });

  it("stops in order within 5 s on Ctrl-C in a terminal: no crash reports, no failed publishes in Skein", async () => {
    const api = skein.endpoints.apiUrl;
    const since = Date.now();
    const run = demoInTerminal(["--api-url", api, "--rate", "30"]);
    await eventually(async () => (run.output().includes("demo: load running") ? true : undefined), 40_000, `"load running"\n${run.output()}`).catch(async (error: unknown) => {
      await run.exit(0);
      throw error;
    });
    await sleep(1_500); // orders in flight at every hop, JetStream publishes among them
    const signalledAt = Date.now();
    process.kill(-run.pid, "SIGINT");
    const code = await run.exit(15_000);
    const took = Date.now() - signalledAt;
    expect(code, run.output()).toBe(0);
    expect(took, run.output()).toBeLessThan(5_000);
    expect(run.output()).not.toContain("unexpectedly");
    expect(run.output()).toMatch(/demo stopped\n {2}orders \d+ · /);

    // Every service logged its stop to Skein (so it flushed on the way out), and checkout never failed to publish.
    type Logs = { logs: Array<{ resource: Record<string, unknown> }> };
    const logs = async (query: string) => (await getJson<Logs>(`${api}/api/v1/logs?start=${since}&limit=1000&${query}`)).body.logs;
    const stoppedServices = await eventually(
      async () => {
        const services = new Set((await logs("q=stopped")).map((log) => String(log.resource["service.name"])));
        return SHOP_SERVICES.every((name) => services.has(name)) ? [...services].sort() : undefined;
      },
      10_000,
      "a `stopped` log of every shop service in Skein",
    );
    expect(stoppedServices).toEqual(SHOP_SERVICES);
    expect(await logs(`service=checkout&q=${encodeURIComponent("could not publish")}`)).toEqual([]);
  });

  it("exits 1 saying how to start Skein when nothing answers at --api-url", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await runSkein(["demo", "--api-url", url]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no Skein at ${url}: start it with \`npm start\` (or pass --api-url)`);
    expect(run.stdout).toBe("");
  });
});

describe("skein start --demo", () => {
  it("prints the ready banner, then the demo's progress; traces arrive; SIGTERM stops demo then Skein", async () => {
    const skein = await SkeinProcess.start({ args: ["--demo"] });
    try {
      const api = skein.endpoints.apiUrl;
      await eventually(async () => (PROGRESS_LINE.test(skein.stdout) ? true : undefined), 40_000, `a demo progress line\n${skein.describe()}`);
      const stdout = skein.stdout;
      expect(stdout.indexOf("Skein is ready")).toBe(0);
      expect(stdout.indexOf("demo: shop ready")).toBeGreaterThan(stdout.indexOf("Data:"));
      expect(stdout).toContain(`exporting to ${skein.endpoints.otlpHttpUrl}\n`);
      expect(await allShopServices(api, 15_000)).toEqual(expect.arrayContaining(SHOP_SERVICES));

      expect(await skein.stop(30_000), skein.describe()).toBe(0);
      expect(skein.stdout).toMatch(/demo stopped\n {2}orders \d+ · /);
      // The demo stopped before the server: Skein logged its own shutdown after the demo's.
      const demoStopAt = skein.stderr.indexOf("stopping the demo");
      expect(demoStopAt, skein.describe()).toBeGreaterThanOrEqual(0);
      expect(demoStopAt).toBeLessThan(skein.stderr.indexOf("shutting down"));
    } finally {
      await skein.cleanup();
    }
  });
});
