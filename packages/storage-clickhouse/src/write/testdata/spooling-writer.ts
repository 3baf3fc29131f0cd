// Child process of writer-kill.test.ts: a ClickHouseWriter on the spool dir argv[2], writing to
// the ClickHouse at argv[3] (database argv[4]), which is down: every write is spooled. Four
// concurrent streams write forever; "ACK <stream>-<n>" goes to stdout right after write n of a
// stream is acknowledged, its spans being named `<stream>-<n>-<i>`. The parent kills it with
// SIGKILL, so appends are cut at any point.
import { ClickHouseConnection } from "../../clickhouse-connection.js";
import { tableNames } from "../../table-names.js";
import { ClickHouseWriter } from "../clickhouse-writer.js";
import { spansOfNewTrace } from "./writer-fixture.js";

const [spoolDir, url, database] = process.argv.slice(2) as [string, string, string];
const connection = new ClickHouseConnection({ url, user: "default", password: "", requestTimeoutMs: 2_000 });
const writer = new ClickHouseWriter({ connection, tables: tableNames(database), spoolDir, spoolMaxBytes: 1 << 30, insertTimeoutMs: 1_000 });
await writer.start();
await Promise.all(
  [0, 1, 2, 3].map(async (stream) => {
    for (let n = 0; ; n++) {
      await writer.writeSpans({ spans: spansOfNewTrace(10, `${stream}-${n}`) });
      process.stdout.write(`ACK ${stream}-${n}\n`);
    }
  }),
);
