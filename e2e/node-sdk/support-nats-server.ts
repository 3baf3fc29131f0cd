import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { sleep } from "../support/skein-process.js";

/** Debian's `nats-server` package installs here (CI: apt-get install nats-server). */
const NATS_SERVER = process.env.NATS_SERVER_PATH ?? "/usr/sbin/nats-server";

/**
 * A real nats-server on 127.0.0.1 and a random free port (`-p -1`; the port is read from its
 * log, so there is no race for it). Owned by the test: `stop()` it in afterAll.
 */
export class NatsServer {
  private log = "";
  private exitCode: number | null | undefined;
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (this.log += chunk));
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (this.log += chunk));
    this.exited = new Promise((resolveExit) =>
      child.on("exit", (code) => {
        this.exitCode = code;
        resolveExit();
      }),
    );
  }

  /** `nats://127.0.0.1:<port>`, valid once `start()` resolved. */
  url = "";

  static async start(timeoutMs = 10_000): Promise<NatsServer> {
    if (!existsSync(NATS_SERVER)) {
      throw new Error(`${NATS_SERVER} is missing: install it (apt-get install nats-server) or set NATS_SERVER_PATH`);
    }
    const server = new NatsServer(spawn(NATS_SERVER, ["-a", "127.0.0.1", "-p", "-1"], { stdio: ["ignore", "pipe", "pipe"] }));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const port = /Listening for client connections on [\d.]+:(\d+)/.exec(server.log)?.[1];
      if (port && server.log.includes("Server is ready")) {
        server.url = `nats://127.0.0.1:${port}`;
        return server;
      }
      if (server.exitCode !== undefined || Date.now() > deadline) {
        await server.stop();
        throw new Error(`nats-server did not get ready (exit code ${String(server.exitCode)})\n${server.log}`);
      }
      await sleep(20);
    }
  }

  async stop(): Promise<void> {
    if (this.exitCode === undefined) this.child.kill("SIGTERM");
    await this.exited;
  }
}
