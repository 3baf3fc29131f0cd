import { runStorageConformance } from "@skein/storage/conformance";
import { afterAll } from "vitest";
import adapter from "./index.js";
import { ClickHouseServerProcess } from "./testing/index.js";
import { databaseFor, killAndDispose } from "./testdata/test-database.js";

// The shared storage conformance suite against one real clickhouse-server on loopback; each test
// gets its own database (named after its fresh data dir). The insert timeout is long so that no
// write is spooled on a loaded machine: the suite reads right after each acknowledged write.
const server = await ClickHouseServerProcess.start();
afterAll(() => killAndDispose([server]));

runStorageConformance({
  name: "clickhouse (one server)",
  create: (dataDir) => adapter.create({ dataDir, options: { url: server.url, database: databaseFor(dataDir), insertTimeoutMs: 30_000 } }),
  persistent: true,
});
