import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serverConfigXml, usersXml } from "./clickhouse-config.js";
import type { ClickHouseClusterConfig, ClickHouseUser } from "./clickhouse-config.js";
import { freePort } from "./free-port.js";

/** Where Debian's package (and the official ones) put the server. */
const SERVER_PATHS = ["/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server"];
export const CLICKHOUSE_INSTALL_COMMAND = "apt-get update && apt-get install -y clickhouse-server";
/** 18.16 answers within ~4 s on 2 cores; a loaded CI machine gets a wide margin. */
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * Between the test process and clickhouse-server (which cannot watch its parent): reports the
 * server's pid over IPC, and stops the server when the IPC channel closes, however the test
 * process died (kill -9 included), so no server outlives its tests. Exits when the server does.
 */
const GUARD_SOURCE = `
const { spawn } = require("node:child_process");
const [path, ...args] = process.argv.slice(1);
const server = spawn(path, args, { stdio: ["ignore", "ignore", "inherit"] });
process.send?.({ pid: server.pid });
let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  server.kill("SIGCONT");
  server.kill(signal);
  setTimeout(() => server.kill("SIGKILL"), ${STOP_TIMEOUT_MS}).unref();
};
process.on("SIGTERM", () => stop("SIGTERM"));
process.channel?.unref();
process.once("disconnect", () => stop("SIGTERM"));
server.once("error", (e) => { process.stderr.write("cannot run " + path + ": " + e.message + "\\n"); process.exit(127); });
server.once("exit", (code, signal) => process.exit(signal === null ? (code ?? 1) : 128));
`;

export function findClickHouseServer(): string {
  const found = SERVER_PATHS.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(`clickhouse-server is not installed (looked in ${SERVER_PATHS.join(", ")}); install Debian's package as root: ${CLICKHOUSE_INSTALL_COMMAND}`);
  }
  return found;
}

export interface ClickHouseServerOptions {
  /** Directory for config, data and logs; a new temp dir (removed by dispose()) when absent. */
  dir?: string;
  httpPort?: number;
  tcpPort?: number;
  /** Users besides `default` (which has no password). */
  users?: ClickHouseUser[];
  /** A cluster the server knows (for Distributed tables); see startClickHouseCluster. */
  cluster?: ClickHouseClusterConfig;
}

/**
 * A real clickhouse-server started as a plain process on loopback, in its own directory with its
 * own ports — what the ClickHouse tests, e2e tests and benchmarks run against. It can be stopped,
 * killed, paused (SIGSTOP: a server that hangs) and started again on the same data and ports.
 */
export class ClickHouseServerProcess {
  private child: ChildProcess | undefined;
  private serverPid: number | undefined;
  private exited: Promise<void> = Promise.resolve();
  private stderrTail = "";

  private constructor(
    readonly dir: string,
    readonly httpPort: number,
    readonly tcpPort: number,
    private readonly ownsDir: boolean,
  ) {}

  /** The HTTP interface, as `--clickhouse-url` takes it. */
  get url(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  /** The pid of clickhouse-server itself while it runs. */
  get pid(): number | undefined {
    return this.serverPid;
  }

  static async start(options: ClickHouseServerOptions = {}): Promise<ClickHouseServerProcess> {
    const binary = findClickHouseServer();
    const ownsDir = options.dir === undefined;
    const dir = options.dir ?? (await mkdtemp(join(tmpdir(), "skein-clickhouse-")));
    const httpPort = options.httpPort ?? (await freePort());
    const tcpPort = options.tcpPort ?? (await freePort());
    for (const sub of ["data", "tmp", "user_files", "format_schemas"]) await mkdir(join(dir, sub), { recursive: true });
    await writeFile(join(dir, "config.xml"), serverConfigXml({ dir, httpPort, tcpPort, users: options.users ?? [], ...(options.cluster ? { cluster: options.cluster } : {}) }));
    await writeFile(join(dir, "users.xml"), usersXml(options.users ?? []));
    const server = new ClickHouseServerProcess(dir, httpPort, tcpPort, ownsDir);
    server.binary = binary;
    try {
      await server.launch();
    } catch (error) {
      await server.dispose();
      throw error;
    }
    return server;
  }

  private binary = "";

  private async launch(): Promise<void> {
    const child = spawn(process.execPath, ["-e", GUARD_SOURCE, this.binary, `--config-file=${join(this.dir, "config.xml")}`], {
      cwd: this.dir,
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    this.child = child;
    this.stderrTail = "";
    child.stderr!.setEncoding("utf8").on("data", (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-4_000);
    });
    child.on("message", (message: { pid?: number }) => {
      if (typeof message.pid === "number") this.serverPid = message.pid;
    });
    this.exited = new Promise((resolve) =>
      child.once("exit", () => {
        this.child = undefined;
        this.serverPid = undefined;
        resolve();
      }),
    );
    child.unref();
    (child.channel as { unref?: () => void } | undefined)?.unref?.();
    await this.waitReady();
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child === undefined) {
        throw new Error(`clickhouse-server exited while starting (dir ${this.dir}): ${this.stderrTail.trim().slice(-1_500) || "no output"}`);
      }
      if (await this.answers()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`clickhouse-server did not answer on ${this.url} within ${READY_TIMEOUT_MS} ms: ${this.stderrTail.trim().slice(-1_500)}`);
  }

  /** True when the server answers `SELECT 1` over HTTP within 2 s. */
  async answers(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/?query=SELECT%201`, { signal: AbortSignal.timeout(2_000) });
      return response.ok && (await response.text()).trim() === "1";
    } catch {
      return false;
    }
  }

  /** Runs one statement over HTTP as `default` and returns the response text; throws with the server's message on failure. */
  async sql(statement: string): Promise<string> {
    const response = await fetch(`${this.url}/`, { method: "POST", body: statement });
    const text = await response.text();
    if (!response.ok) throw new Error(`clickhouse ${response.status}: ${text.trim()}`);
    return text;
  }

  /** Starts the server again (same dir, ports and data) after stop() or kill(). */
  async restart(): Promise<void> {
    if (this.child !== undefined) throw new Error("clickhouse-server is still running");
    await this.launch();
  }

  /** Graceful stop (SIGTERM; SIGKILL after 15 s); resolves when it has exited. */
  async stop(): Promise<void> {
    this.signalServer("SIGCONT");
    this.signalServer("SIGTERM");
    await this.waitExit();
  }

  /** kill -9 of clickhouse-server itself; resolves when it has exited. */
  async kill(): Promise<void> {
    this.signalServer("SIGKILL");
    await this.waitExit();
  }

  /** The guard process and its channel are unref'd (tests must not wait on them): a timer keeps a plain script alive until the exit. */
  private async waitExit(): Promise<void> {
    const keepAlive = setInterval(() => {}, 1_000);
    try {
      await this.exited;
    } finally {
      clearInterval(keepAlive);
    }
  }

  /** SIGSTOP: the server keeps its sockets open but answers nothing, like a hung or overloaded one. */
  pause(): void {
    this.signalServer("SIGSTOP");
  }

  resume(): void {
    this.signalServer("SIGCONT");
  }

  /**
   * Stops the server and removes its temp dir (when start() created it). Idempotent. A server
   * whose data is about to be removed is killed (~40 ms) rather than stopped (~8 s on 18.16).
   */
  async dispose(): Promise<void> {
    if (this.child !== undefined) await (this.ownsDir ? this.kill() : this.stop());
    if (this.ownsDir) await rm(this.dir, { recursive: true, force: true });
  }

  private signalServer(signal: NodeJS.Signals): void {
    if (this.serverPid === undefined) {
      if (signal !== "SIGCONT") this.child?.kill(signal === "SIGKILL" ? "SIGTERM" : signal);
      return;
    }
    try {
      process.kill(this.serverPid, signal);
    } catch {
      // already gone
    }
  }
}

/** Shards of a test cluster, each a server knowing the cluster by `name`. */
export interface ClickHouseTestCluster {
  readonly name: string;
  readonly servers: ClickHouseServerProcess[];
  dispose(): Promise<void>;
}

/**
 * N servers (one replica per shard) that all know the cluster `name` in remote_servers, so a
 * Distributed table on any of them spans all shards. No ZooKeeper: shards are not replicated.
 */
export async function startClickHouseCluster(options: { shards?: number; name?: string; users?: ClickHouseUser[] } = {}): Promise<ClickHouseTestCluster> {
  const name = options.name ?? "skein";
  const count = options.shards ?? 2;
  const tcpPorts: number[] = [];
  while (tcpPorts.length < count) {
    const port = await freePort();
    if (!tcpPorts.includes(port)) tcpPorts.push(port);
  }
  const servers: ClickHouseServerProcess[] = [];
  try {
    for (const tcpPort of tcpPorts) {
      servers.push(await ClickHouseServerProcess.start({ tcpPort, cluster: { name, shardTcpPorts: tcpPorts }, ...(options.users ? { users: options.users } : {}) }));
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.dispose()));
    throw error;
  }
  return { name, servers, dispose: async () => void (await Promise.all(servers.map((s) => s.dispose()))) };
}
