// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NoLogsYet } from "./logs-empty-states.js";
import { EMPTY_LOGS_QUERY } from "./logs-query.js";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function stubStatus(otlpHttpPort: number | null, otlpGrpcPort: number | null): void {
  vi.stubGlobal("fetch", async () => Response.json({ version: "0.0.0", storage: "duckdb", ingest: { otlpHttpPort, otlpGrpcPort } }));
}

describe("NoLogsYet", () => {
  it("points the SDK and the Collector at this server's OTLP/HTTP port", async () => {
    stubStatus(14318, 14317);
    render(<NoLogsYet state={EMPTY_LOGS_QUERY} />);
    await waitFor(() => expect(screen.getByTestId("no-data").textContent).toContain(":14318/v1/logs"));
    expect(screen.getByTestId("no-data").textContent).toContain("otlphttp/skein");
  });

  it("leaves the HTTP lines out when that receiver is off and uses gRPC", async () => {
    stubStatus(null, 14317);
    render(<NoLogsYet state={EMPTY_LOGS_QUERY} />);
    await waitFor(() => expect(screen.getByTestId("no-data").textContent).toContain("OTLP/HTTP receiver is off"));
    const text = screen.getByTestId("no-data").textContent ?? "";
    expect(text).not.toContain("4318");
    expect(text).not.toContain("otlphttp");
    expect(text).toContain("OTEL_EXPORTER_OTLP_LOGS_PROTOCOL=grpc");
    expect(text).toContain(":14317");
  });
});
