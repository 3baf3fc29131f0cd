export { CLICKHOUSE_INSTALL_COMMAND, ClickHouseServerProcess, findClickHouseServer, startClickHouseCluster } from "./clickhouse-server-process.js";
export type { ClickHouseServerOptions, ClickHouseTestCluster } from "./clickhouse-server-process.js";
export type { ClickHouseClusterConfig, ClickHouseUser } from "./clickhouse-config.js";
export { freePort } from "./free-port.js";
export { directorySizeBytes } from "../storage-size.js";
