/** What the ready banner shows: bound ports, not configured ones (which may be 0). */
export interface ReadyBannerInput {
  host: string;
  httpPort: number;
  otlpHttpPort: number;
  otlpGrpcPort: number;
  /** Absolute. */
  dataDir: string;
  /** The storage in use: "duckdb", "clickhouse at http://…/skein" (never with credentials). */
  storage: string;
  /** The retention window as configured ("7d"); absent when everything is kept. */
  retention?: string;
}

/**
 * The lines printed on stdout once every listener is bound. Tests and scripts parse them: keep
 * the labels and the column layout stable.
 */
export function formatReadyBanner(input: ReadyBannerInput): string {
  const host = input.host.includes(":") ? `[${input.host}]` : input.host;
  return [
    "Skein is ready",
    `  UI and API:    http://${host}:${input.httpPort}`,
    `  OTLP/HTTP:     http://${host}:${input.otlpHttpPort}  (POST /v1/traces, /v1/logs)`,
    `  OTLP/gRPC:     ${host}:${input.otlpGrpcPort}`,
    `  Data:          ${input.dataDir} (${input.storage}${input.retention === undefined ? "" : `; retention ${input.retention}`})`,
    "",
  ].join("\n");
}
