// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NoDataYet } from "./empty-state.js";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function stubStatus(otlpHttpPort: number | null, otlpGrpcPort: number | null): void {
  vi.stubGlobal("fetch", async () => Response.json({ version: "0.0.0", storage: "duckdb", ingest: { otlpHttpPort, otlpGrpcPort } }));
}

describe("NoDataYet", () => {
  it("shows this server's real OTLP ports", async () => {
    stubStatus(14318, 14317);
    render(<NoDataYet />);
    await waitFor(() => expect(screen.getByTestId("no-data").textContent).toContain(":14318"));
    expect(screen.getByTestId("no-data").textContent).toContain(":14317");
  });

  it("leaves the HTTP line out and says the receiver is off when its port is null", async () => {
    stubStatus(null, 14317);
    render(<NoDataYet />);
    await waitFor(() => expect(screen.getByTestId("no-data").textContent).toContain("OTLP/HTTP receiver is off"));
    const text = screen.getByTestId("no-data").textContent ?? "";
    expect(text).not.toContain("4318");
    expect(text).toContain("OTEL_EXPORTER_OTLP_PROTOCOL=grpc");
    expect(text).toContain(":14317");
  });

  it("says both receivers are off when neither has a port", async () => {
    stubStatus(null, null);
    render(<NoDataYet />);
    await waitFor(() => expect(screen.getByTestId("no-data").textContent).toContain("both OTLP receivers"));
    expect(screen.getByTestId("no-data").textContent).not.toMatch(/431[78]/);
  });
});
