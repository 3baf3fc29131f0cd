// Integration: a real nats-server, which stops answering (SIGSTOP) in the second case — a plain
// drain() would then wait forever; drainNats closes the connection after its budget.
import { spawn, type ChildProcess } from "node:child_process";
import { connect, type NatsConnection } from "nats";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { findNatsServer } from "../../launcher/find-nats-server.js";
import { natsReadiness } from "../../launcher/nats-broker.js";
import { drainNats } from "./drain-nats.js";

async function startNatsServer(): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(findNatsServer(undefined), ["-a", "127.0.0.1", "-p", "-1"], { stdio: ["ignore", "pipe", "pipe"] });
  const ready = natsReadiness();
  const address = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        const value = ready(line);
        if (value !== undefined) resolve(value);
      }
    };
    server.stderr!.on("data", onData);
    server.stdout!.on("data", onData);
    server.once("exit", () => reject(new Error("nats-server exited before it was ready")));
  });
  return { server, url: `nats://${address}` };
}

describe("drainNats", () => {
  let server: ChildProcess | undefined;
  let nats: NatsConnection | undefined;
  afterEach(async () => {
    if (server?.pid) {
      server.kill("SIGCONT");
      server.kill("SIGKILL");
    }
    await nats?.close().catch(() => undefined);
  });

  it("drains a connection to a live broker", async () => {
    let url: string;
    ({ server, url } = await startNatsServer());
    nats = await connect({ servers: url });
    nats.publish("orders.test", new TextEncoder().encode("x"));
    await drainNats(nats, 2_000, pino({ enabled: false }));
    expect(nats.isClosed()).toBe(true);
  });

  it("closes the connection after the budget when the broker stopped answering", async () => {
    let url: string;
    ({ server, url } = await startNatsServer());
    nats = await connect({ servers: url });
    server.kill("SIGSTOP");
    const startedAt = Date.now();
    await drainNats(nats, 300, pino({ enabled: false }));
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(nats.isClosed()).toBe(true);
  });
});
