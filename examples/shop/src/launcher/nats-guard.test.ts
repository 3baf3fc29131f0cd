// The BUILT nats-guard.js (run `npx tsc -b examples/shop` first). Its own contract, with a Node
// script standing in for nats-server; then the integration case it exists for: the launcher dies
// without stopping the shop (kill -9 of `skein demo`, a crash, a second Ctrl-C). A real child
// process runs the built startShop with TMPDIR pointing to a fresh dir, so the broker's store is
// the only entry there.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ShopServiceInfo } from "../shop-contract.js";

const BUILT_INDEX = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist/index.js");
const BUILT_GUARD = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist/launcher/nats-guard.js");

/** Runs the guard over `node -e <server>`; resolves how the guard ended and what it printed. */
async function guard(storeDir: string, server: string, whenReady: (pid: number) => void = () => undefined) {
  const child = spawn(process.execPath, [BUILT_GUARD, storeDir, process.execPath, "-e", server], { stdio: ["ignore", "pipe", "pipe", "ipc"] });
  let output = "";
  let ready = false;
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (!ready && output.includes("ready\n")) whenReady(child.pid!);
    ready ||= output.includes("ready\n");
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolveExit) => child.once("exit", (c, s) => resolveExit([c, s])));
  return { code, signal, output };
}

/** Pids of live processes whose command line contains `text` (zombies have none). */
function processesWith(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").includes(text)) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
}

async function within<T>(ms: number, check: () => T | undefined): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("nats-guard", () => {
  let store: string;
  beforeAll(async () => {
    store = await mkdtemp(join(tmpdir(), "skein-guard-store-"));
  });
  afterAll(() => rm(store, { recursive: true, force: true }));

  it("passes the server's output through and ends with its exit code, removing the store", async () => {
    await mkdir(store, { recursive: true });
    const ended = await guard(store, `console.log("Server is ready"); console.error("[ERR] oops"); process.exit(3)`);
    expect(ended).toEqual({ code: 3, signal: null, output: expect.stringContaining("Server is ready\n") });
    expect(ended.output).toContain("[ERR] oops\n");
    expect(existsSync(store)).toBe(false);
  });

  it("dies of the signal that killed the server, so the launcher reports it as such", async () => {
    await mkdir(store, { recursive: true });
    const ended = await guard(store, `process.kill(process.pid, "SIGKILL")`);
    expect(ended).toMatchObject({ code: null, signal: "SIGKILL" });
    expect(existsSync(store)).toBe(false);
  });

  it("passes SIGTERM on to the server and waits for it", async () => {
    await mkdir(store, { recursive: true });
    const server = `process.on("SIGTERM", () => { console.log("server got SIGTERM"); process.exit(0); }); console.log("ready"); setInterval(() => {}, 1000);`;
    const ended = await guard(store, server, (pid) => process.kill(pid, "SIGTERM"));
    expect(ended).toMatchObject({ code: 0, signal: null });
    expect(ended.output).toContain("server got SIGTERM\n");
    expect(existsSync(store)).toBe(false);
  });
});

describe("the shop after its launcher was killed with SIGKILL", () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "skein-guard-test-"));
  });
  afterAll(async () => {
    for (const pid of processesWith(tmp)) process.kill(pid, "SIGKILL");
    await rm(tmp, { recursive: true, force: true });
  });

  it("leaves no nats-server and no store dir behind (within 5 s), and no service", async () => {
    const script = `
      const { startShop } = await import(${JSON.stringify(pathToFileURL(BUILT_INDEX).href)});
      const shop = await startShop({ otlpEndpoint: "http://127.0.0.1:9" });
      console.log("started " + JSON.stringify(shop.services));
      setInterval(() => {}, 1000);`;
    const launcher = spawn(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, TMPDIR: tmp }, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    launcher.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    const exited = new Promise((resolveExit) => launcher.once("exit", resolveExit));
    const started = await within(30_000, () => /^started (.*)$/m.exec(stdout)?.[1]);
    expect(started, `the launcher printed: ${stdout}`).toBeDefined();
    const services = JSON.parse(started!) as ShopServiceInfo[];
    const [store] = readdirSync(tmp).filter((name) => name.startsWith("skein-shop-nats-"));
    expect(store).toBeDefined();
    const storeDir = join(tmp, store!);
    expect(processesWith(`-sd ${storeDir}`).length).toBeGreaterThan(0); // the guard and nats-server

    launcher.kill("SIGKILL");
    await exited;
    const broker = () => processesWith(`-sd ${storeDir}`).filter(isAlive);
    await within(5_000, () => (broker().length === 0 && !existsSync(storeDir) ? true : undefined));
    expect(broker()).toEqual([]);
    expect(existsSync(storeDir)).toBe(false);
    // The services watch the same IPC channel; with the OTLP endpoint down each waits up to 3 s
    // for its exporter before exiting (service-runtime.ts), hence the longer bound.
    const serviceLeft = () => services.map((service) => service.pid).filter(isAlive);
    await within(8_000, () => (serviceLeft().length === 0 ? true : undefined));
    expect(serviceLeft()).toEqual([]);
  });
});
