import { describe, expect, it } from "vitest";
import { ManagedProcess } from "./managed-process.js";
import type { NatsBroker } from "./nats-broker.js";
import { RunningShop, reportUnexpectedExits, stopProcesses, type StartedService } from "./running-shop.js";
import type { ServiceReady } from "./service-env.js";

/**
 * A real child process standing in for a service: ready at once, runs until stopped or killed.
 * On SIGTERM it works on for `closeMs` (finishing requests), prints `closed`, then lingers for
 * `flushMs` (flushing telemetry) before it exits.
 */
function child(closeMs = 0, flushMs = 0): ManagedProcess<ServiceReady> {
  const onTerm = `setTimeout(() => { console.log("closed"); setTimeout(() => process.exit(0), ${flushMs}); }, ${closeMs})`;
  return new ManagedProcess<ServiceReady>({
    label: "stand-in",
    command: process.execPath,
    args: ["-e", `process.on("SIGTERM", () => ${onTerm}); console.log("ready"); setInterval(() => {}, 1000);`],
    env: {},
    onLine: () => undefined,
    readyWhen: (line) => (line === "ready" ? { url: undefined } : undefined),
    closedWhen: (line) => line === "closed",
  });
}

function brokerOf(process: ManagedProcess<string>, onStop: () => void = () => undefined): NatsBroker {
  return {
    url: "nats://127.0.0.1:1",
    process,
    stop: async () => {
      onStop();
      await process.stop(1_000);
    },
  };
}

describe("RunningShop", () => {
  it("reports a service that dies on its own, but not one that was stopped", async () => {
    const payment = child();
    const inventory = child();
    const brokerProcess = child() as unknown as ManagedProcess<string>;
    const broker = brokerOf(brokerProcess);
    await Promise.all([payment.waitReady(10_000), inventory.waitReady(10_000), brokerProcess.waitReady(10_000)]);
    const services: StartedService[] = [
      { name: "payment", process: payment, url: "http://127.0.0.1:2" },
      { name: "inventory", process: inventory, url: undefined },
    ];
    const reports: string[] = [];
    reportUnexpectedExits(services, broker, (service, line) => reports.push(`${service}: ${line}`));
    const shop = new RunningShop("http://127.0.0.1:3", broker, services);
    expect(shop.services).toEqual([
      { name: "payment", pid: payment.pid, url: "http://127.0.0.1:2" },
      { name: "inventory", pid: inventory.pid },
    ]);

    process.kill(payment.pid, "SIGKILL");
    await payment.exited;
    await new Promise((resolve) => setImmediate(resolve));
    expect(reports).toEqual([
      "payment: [launcher] payment was killed by SIGKILL unexpectedly; the shop is degraded — stop it and look at the lines above",
    ]);

    await shop.stop();
    expect(inventory.hasExited && brokerProcess.hasExited).toBe(true);
    expect(reports).toHaveLength(1);
  });
});

describe("stopProcesses", () => {
  const names = ["frontend", "checkout", "payment", "inventory", "notification"] as const;

  it("stops callers before callees: frontend, then checkout, then the rest, then the broker", async () => {
    // The slowest to close come first, so stopping all at once would close them last.
    const services: StartedService[] = names.map((name, i) => ({ name, process: child(600 - i * 150), url: undefined }));
    const brokerProcess = child() as unknown as ManagedProcess<string>;
    const closedAt = new Map<string, number>();
    const broker = brokerOf(brokerProcess, () => closedAt.set("broker asked", performance.now()));
    await Promise.all([...services.map((s) => s.process.waitReady(10_000)), brokerProcess.waitReady(10_000)]);
    for (const service of services) void service.process.closed.then(() => closedAt.set(service.name, performance.now()));

    await stopProcesses(services, broker);
    const at = (name: string) => closedAt.get(name)!;
    expect(at("frontend")).toBeLessThan(at("checkout"));
    for (const callee of ["payment", "inventory", "notification"]) expect(at("checkout")).toBeLessThan(at(callee));
    for (const name of names) expect(at(name)).toBeLessThanOrEqual(at("broker asked"));
    expect([...services.map((s) => s.process), brokerProcess].every((p) => p.hasExited)).toBe(true);
  });

  it("moves on to the next stage once a stage has closed, without waiting for its flush", async () => {
    // Each stage flushes for 1.5 s after closing: waiting for exits would take 4.5 s or more.
    const services: StartedService[] = names.map((name) => ({ name, process: child(0, 1_500), url: undefined }));
    const brokerProcess = child() as unknown as ManagedProcess<string>;
    await Promise.all([...services.map((s) => s.process.waitReady(10_000)), brokerProcess.waitReady(10_000)]);
    const startedAt = performance.now();
    await stopProcesses(services, brokerOf(brokerProcess));
    expect(performance.now() - startedAt).toBeLessThan(3_500);
    expect(services.every((s) => s.process.hasExited)).toBe(true);
  });
});
