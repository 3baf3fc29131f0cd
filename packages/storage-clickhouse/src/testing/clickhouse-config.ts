/** A user of a test server; `default` (no password) always exists. */
export interface ClickHouseUser {
  name: string;
  password: string;
}

/** A cluster the server knows (remote_servers): one replica per shard, by TCP port on loopback. */
export interface ClickHouseClusterConfig {
  name: string;
  shardTcpPorts: number[];
}

export interface ClickHouseConfigInput {
  dir: string;
  httpPort: number;
  tcpPort: number;
  users: readonly ClickHouseUser[];
  cluster?: ClickHouseClusterConfig;
}

/** XML text content: test configs hold paths and names only, but stay well-formed whatever they hold. */
function xml(text: string | number): string {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * The server config of a test clickhouse-server: loopback only, its own ports and directories,
 * warnings on the console, the users file next to it. Accepted by 18.16 (Debian) and current
 * releases (the `<yandex>` root is still read by them).
 */
export function serverConfigXml(input: ClickHouseConfigInput): string {
  const cluster =
    input.cluster === undefined
      ? ""
      : `<remote_servers><${xml(input.cluster.name)}>${input.cluster.shardTcpPorts
          .map((port) => `<shard><replica><host>127.0.0.1</host><port>${xml(port)}</port></replica></shard>`)
          .join("")}</${xml(input.cluster.name)}></remote_servers>`;
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><console>1</console></logger>
  <http_port>${xml(input.httpPort)}</http_port>
  <tcp_port>${xml(input.tcpPort)}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${xml(input.dir)}/data/</path>
  <tmp_path>${xml(input.dir)}/tmp/</tmp_path>
  <user_files_path>${xml(input.dir)}/user_files/</user_files_path>
  <format_schema_path>${xml(input.dir)}/format_schemas/</format_schema_path>
  <users_config>${xml(input.dir)}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  ${cluster}
</yandex>
`;
}

/** The users file: `default` without password plus `users`, all from loopback, one profile and an unlimited quota. */
export function usersXml(users: readonly ClickHouseUser[]): string {
  const user = (name: string, password: string) =>
    `<${xml(name)}><password>${xml(password)}</password><networks><ip>::/0</ip></networks><profile>default</profile><quota>default</quota></${xml(name)}>`;
  return `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users>${user("default", "")}${users.map((u) => user(u.name, u.password)).join("")}</users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;
}
