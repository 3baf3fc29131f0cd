import { ClickHouseServerProcess, freePort } from "@skein/storage-clickhouse/testing";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config/load-config.js";
import { startSkein } from "../main.js";
import { StartupError } from "../pipeline/errors.js";

const PASSWORD = "correct-horse-7";

/** `skein start --storage clickhouse` in process, with the given ClickHouse flags. */
async function startWith(dataDir: string, flags: Record<string, string>) {
  const config = await loadConfig({ flags: { dataDir, httpPort: "0", otlpHttpPort: "0", otlpGrpcPort: "0", storage: "clickhouse", ...flags } });
  return startSkein(config, pino({ level: "silent" }));
}

async function startupError(promise: Promise<unknown>): Promise<StartupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StartupError);
  return error as StartupError;
}

describe("skein start --storage clickhouse (real clickhouse-server)", () => {
  let server: ClickHouseServerProcess;
  let dir: string;
  beforeAll(async () => {
    server = await ClickHouseServerProcess.start({ users: [{ name: "skein", password: PASSWORD }] });
    dir = await mkdtemp(join(tmpdir(), "skein-clickhouse-start-"));
  });
  afterAll(async () => {
    await server?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it("passes URL, user, password and database to the adapter, which creates its schema there", async () => {
    const running = await startWith(join(dir, "ok"), { clickhouseUrl: server.url, clickhouseUser: "skein", clickhousePassword: PASSWORD, clickhouseDatabase: "skein_start_test" });
    try {
      const status = (await (await fetch(`http://127.0.0.1:${running.httpPort}/api/v1/status`)).json()) as { storage: string };
      expect(status.storage).toBe("clickhouse");
      expect(await server.sql("SELECT name FROM system.tables WHERE database = 'skein_start_test' AND name = 'spans' FORMAT TSV")).toBe("spans\n");
    } finally {
      await running.shutdown();
    }
  });

  it("explains a wrong password in one line that names the flags and never the password", async () => {
    const error = await startupError(startWith(join(dir, "bad-password"), { clickhouseUrl: server.url, clickhouseUser: "skein", clickhousePassword: "wrong-horse" }));
    expect(error.message).toMatch(new RegExp(`^cannot start clickhouse at ${server.url.replace(/\/$/, "")}/skein: `));
    expect(error.message).toContain("--clickhouse-user");
    expect(error.message).toContain("SKEIN_CLICKHOUSE_PASSWORD");
    expect(error.message).not.toContain("\n");
    expect(error.message).not.toContain("wrong-horse");
  });

  it("points a cluster the server does not know at --clickhouse-cluster and remote_servers, not at the login", async () => {
    const error = await startupError(
      startWith(join(dir, "no-cluster"), { clickhouseUrl: server.url, clickhouseUser: "skein", clickhousePassword: PASSWORD, clickhouseCluster: "nope", clickhouseShardUrls: server.url }),
    );
    expect(error.message).toContain("nope");
    expect(error.message).toContain("--clickhouse-cluster");
    expect(error.message).toContain("remote_servers");
    expect(error.message).not.toContain("--clickhouse-user");
    expect(error.message).not.toContain(PASSWORD);
  });

  it("explains a URL where nothing answers", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const error = await startupError(startWith(join(dir, "nothing"), { clickhouseUrl: url }));
    expect(error.message).toContain(`cannot start clickhouse at ${url}/skein: `);
    expect(error.message).toContain("--clickhouse-url");
    expect(error.message).not.toContain("\n");
  });
});
