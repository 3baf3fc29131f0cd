import { runStorageConformance } from "@skein/storage/conformance";
import adapter from "./index.js";

// The shared storage conformance suite against a real DuckDB file in a fresh temp dir per test.
runStorageConformance({
  name: "duckdb",
  create: (dataDir) => adapter.create({ dataDir, memoryLimitBytes: 256 * 1024 * 1024 }),
  persistent: true,
});
