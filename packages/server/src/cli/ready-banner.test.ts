import { describe, expect, it } from "vitest";
import { formatReadyBanner } from "./ready-banner.js";

describe("formatReadyBanner", () => {
  it("prints the documented lines with the bound ports", () => {
    const banner = formatReadyBanner({ host: "127.0.0.1", httpPort: 16686, otlpHttpPort: 4318, otlpGrpcPort: 4317, dataDir: "/srv/skein", storage: "duckdb" });
    expect(banner).toBe(
      [
        "Skein is ready",
        "  UI and API:    http://127.0.0.1:16686",
        "  OTLP/HTTP:     http://127.0.0.1:4318  (POST /v1/traces, /v1/logs)",
        "  OTLP/gRPC:     127.0.0.1:4317",
        "  Data:          /srv/skein (duckdb)",
        "",
      ].join("\n"),
    );
  });

  it("brackets an IPv6 host", () => {
    const banner = formatReadyBanner({ host: "::", httpPort: 1, otlpHttpPort: 2, otlpGrpcPort: 3, dataDir: "/d", storage: "duckdb" });
    expect(banner).toContain("http://[::]:1\n");
    expect(banner).toContain("  OTLP/gRPC:     [::]:3\n");
  });

  it("names a storage server in the Data line, keeping the data dir parseable", () => {
    const banner = formatReadyBanner({ host: "127.0.0.1", httpPort: 1, otlpHttpPort: 2, otlpGrpcPort: 3, dataDir: "/srv/skein", storage: "clickhouse at http://127.0.0.1:8123/skein" });
    expect(banner).toContain("  Data:          /srv/skein (clickhouse at http://127.0.0.1:8123/skein)\n");
    expect(/Data:\s+(.+?)\s+\(/.exec(banner)?.[1]).toBe("/srv/skein");
  });

  it("shows the retention window in the Data line when data is removed, keeping the data dir parseable", () => {
    const banner = formatReadyBanner({ host: "127.0.0.1", httpPort: 1, otlpHttpPort: 2, otlpGrpcPort: 3, dataDir: "/srv/skein", storage: "duckdb", retention: "7d" });
    expect(banner).toContain("  Data:          /srv/skein (duckdb; retention 7d)\n");
    expect(/Data:\s+(.+?)\s+\(/.exec(banner)?.[1]).toBe("/srv/skein");
  });
});
