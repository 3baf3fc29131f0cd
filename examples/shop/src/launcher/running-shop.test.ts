import { describe, expect, it } from "vitest";
import { ManagedProcess } from "./managed-process.js";
import type { NatsBroker } from "./nats-broker.js";
import { RunningShop, reportUnexpectedExits, type StartedService } from "./running-shop.js";
import type { ServiceReady } from "./service-env.js";

/** A real child process standing in for a service: ready at once, runs until stopped or killed. */
function child(): ManagedProcess<ServiceReady> {
  return new ManagedProcess<ServiceReady>({
    label: "stand-in",
    command: process.execPath,
    args: ["-e", `console.log("ready"); setInterval(() => {}, 1000);`],
    env: {},
    onLine: () => undefined,
    readyWhen: (line) => (line === "ready" ? { url: undefined } : undefined),
  });
}

describe("RunningShop", () => {
  it("reports a service that dies on its own, but not one that was stopped", async () => {
    const payment = child();
    const inventory = child();
    const brokerProcess = child() as unknown as ManagedProcess<string>;
    const broker: NatsBroker = { url: "nats://127.0.0.1:1", process: brokerProcess, stop: async () => void (await brokerProcess.stop(1_000)) };
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
