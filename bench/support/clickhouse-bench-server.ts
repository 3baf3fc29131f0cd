import { mkdirSync } from "node:fs";
import type { ClickHouseServerProcess } from "@skein/storage-clickhouse/testing";
import { CLICKHOUSE_SERVER_DIR } from "./data-set-location.js";
import { DirectClickHouse } from "./clickhouse-direct.js";
import { processTree, sampleProcesses } from "./proc-stats.js";
import type { ProcSample } from "./proc-stats.js";

/**
 * The bench's clickhouse-server: a real Debian clickhouse-server on loopback (the test harness of
 * @skein/storage-clickhouse), its config, data and logs in bench/.data/clickhouse so a stored data
 * set survives between runs. It runs only during ClickHouse phases: `stop()` between them, so it
 * spends no CPU (background merges) while DuckDB is measured. Stopped for good by `dispose()`,
 * and by the harness's guard if the bench process dies.
 */
export class ClickHouseBenchServer {
  private server: ClickHouseServerProcess | undefined;
  private running = false;

  constructor(private readonly dir = CLICKHOUSE_SERVER_DIR) {}

  /** Starts the server (first call) or starts it again on the same data; a no-op while it runs. */
  async ensureRunning(): Promise<void> {
    if (this.running) return;
    const started = performance.now();
    if (this.server === undefined) {
      mkdirSync(this.dir, { recursive: true });
      // Imported on first use: a DuckDB-only run never loads the ClickHouse package.
      const { ClickHouseServerProcess } = await import("@skein/storage-clickhouse/testing");
      this.server = await ClickHouseServerProcess.start({ dir: this.dir });
    } else {
      await this.server.restart();
    }
    this.running = true;
    process.stderr.write(`  clickhouse-server ${this.url} ready in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }

  /** The HTTP interface (`--clickhouse-url`). Throws before the first start. */
  get url(): string {
    if (this.server === undefined) throw new Error("the bench's clickhouse-server has not been started");
    return this.server.url;
  }

  /** A bare-SQL connection to the running server; the caller closes it. */
  direct(): DirectClickHouse {
    return new DirectClickHouse(this.url);
  }

  /** Memory/CPU of clickhouse-server itself (zero when it is not running). */
  sample(): ProcSample {
    const pid = this.server?.pid;
    return pid === undefined ? { rssBytes: 0, hwmBytes: 0, cpuSeconds: 0 } : sampleProcesses(processTree(pid));
  }

  /** Graceful stop; the data stays for the next ensureRunning(). Idempotent. */
  async stop(): Promise<void> {
    if (!this.running || this.server === undefined) return;
    this.running = false;
    await keepingAlive(this.server.stop());
  }

  /** Stops the server for good (its directory and data stay for a later run). */
  async dispose(): Promise<void> {
    await this.stop();
    if (this.server) await keepingAlive(this.server.dispose());
    this.server = undefined;
  }
}

/**
 * The harness unrefs its guard process, so awaiting the server's exit alone does not keep Node's
 * event loop alive: with nothing else pending the bench would end mid-await (exit code 13,
 * unsettled top-level await) before printing its table. A timer holds the loop until it settles.
 */
async function keepingAlive<T>(work: Promise<T>): Promise<T> {
  const timer = setInterval(() => undefined, 1_000);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
