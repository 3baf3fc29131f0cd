import { runStorageConformance } from "@skein/storage/conformance";
import { afterAll } from "vitest";
import adapter from "./index.js";
import { startClickHouseCluster } from "./testing/index.js";
import { databaseFor, killAndDispose } from "./testdata/test-database.js";

// The conformance suite on a 2-shard cluster: Distributed tables over `<name>_local` on both
// shards, queried and written through the first shard, as a Skein node of a cluster runs.
const cluster = await startClickHouseCluster({ shards: 2, name: "skein" });
afterAll(() => killAndDispose(cluster.servers));

runStorageConformance({
  name: "clickhouse (2-shard cluster)",
  create: (dataDir) =>
    adapter.create({
      dataDir,
      options: {
        url: cluster.servers[0]!.url,
        cluster: cluster.name,
        shardUrls: cluster.servers.map((s) => s.url),
        database: databaseFor(dataDir),
        insertTimeoutMs: 30_000,
      },
    }),
  persistent: true,
});
