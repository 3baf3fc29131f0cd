import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, getJson } from "./support/api-client.js";
import { runSkein, SkeinProcess } from "./support/skein-process.js";

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

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
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
      expect(skein.stderr.indexOf("stopping the demo")).toBeLessThan(skein.stderr.indexOf("shutting down"));
    } finally {
      await skein.cleanup();
    }
  });
});
