import { afterAll, beforeAll, expect, it } from "vitest";
import { makeSpan, traceIdOf } from "@skein/storage/testing";
import { ClickHouseConnection } from "../clickhouse-connection.js";
import { encodeSpanWrite } from "../encoded-write.js";
import { migrate } from "../migrations.js";
import { tableNames } from "../table-names.js";
import { startClickHouseCluster } from "../testing/index.js";
import type { ClickHouseTestCluster } from "../testing/index.js";
import { storeOnce } from "./missing-rows.js";
import { spanCounts } from "./testdata/writer-fixture.js";

// On a cluster the dedup query reads the Distributed table: rows a failed insert left on either
// shard count as stored.

let cluster: ClickHouseTestCluster;
let connections: ClickHouseConnection[] = [];
beforeAll(async () => {
  cluster = await startClickHouseCluster({ shards: 2, name: "skein" });
  connections = cluster.servers.map((s) => new ClickHouseConnection({ url: s.url, user: "default", password: "", requestTimeoutMs: 30_000 }));
  await migrate(connections, { database: "spooltest", cluster: "skein" });
});
afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await cluster?.dispose();
});

it("stores a write exactly once over two shards when part of it already reached each shard", async () => {
  const tables = tableNames("spooltest");
  // 40 spans of 8 traces: sharded by trace_id_lo, so both shards get some.
  const write = encodeSpanWrite(Array.from({ length: 40 }, (_, i) => makeSpan({ traceId: traceIdOf(7_000 + (i % 8)), name: `c${i}` })), 4242n);
  const lines = write.main.body.split("\n").filter((l) => l !== "");
  await connections[0]!.insertEncoded(tables.spans, lines.filter((_, i) => i % 3 === 0).join("\n"));
  const perShard = await Promise.all(connections.map((c) => c.queryAll<{ n: string }>("SELECT count() AS n FROM spooltest.spans_local")));
  expect(perShard.map(([r]) => Number(r!.n) > 0)).toEqual([true, true]);

  // The replay may go through either node.
  expect(await storeOnce(connections[1]!, tables, [write])).toBe(40 - Math.ceil(40 / 3));
  expect(await storeOnce(connections[0]!, tables, [write])).toBe(0);
  expect(await spanCounts(connections[0]!, tables)).toEqual({ rows: 40, ingestRows: 40, spanIds: 40 });
});
