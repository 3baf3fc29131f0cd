import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { fetchSkeinStatus, localUrl, otlpEndpointFromStatus } from "./demo-endpoints.js";
import { DemoStartError } from "./demo-errors.js";

const status = (otlpHttpPort: number | null) => ({ version: "0.1.0", storage: "duckdb", ingest: { otlpHttpPort, otlpGrpcPort: 4317 } });

describe("otlpEndpointFromStatus", () => {
  it("keeps the scheme and host of the API URL and takes the reported port", () => {
    expect(otlpEndpointFromStatus("http://127.0.0.1:16686", status(4318))).toBe("http://127.0.0.1:4318");
    expect(otlpEndpointFromStatus("https://skein.example/ui", status(14318))).toBe("https://skein.example:14318");
    expect(otlpEndpointFromStatus("http://[::1]:16686", status(4318))).toBe("http://[::1]:4318");
  });

  it("says what to do when Skein runs no OTLP/HTTP receiver", () => {
    expect(() => otlpEndpointFromStatus("http://127.0.0.1:16686", status(null))).toThrow("runs no OTLP/HTTP receiver: enable it, or pass --otlp-endpoint");
  });
});

describe("localUrl", () => {
  it("reaches a wildcard bind on loopback and brackets IPv6", () => {
    expect(localUrl("0.0.0.0", 1)).toBe("http://127.0.0.1:1");
    expect(localUrl("::", 2)).toBe("http://[::1]:2");
    expect(localUrl("fe80::1", 3)).toBe("http://[fe80::1]:3");
    expect(localUrl("127.0.0.1", 4)).toBe("http://127.0.0.1:4");
    expect(localUrl("skein.local", 5)).toBe("http://skein.local:5");
  });
});

describe("fetchSkeinStatus", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server?.listening ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function serve(statusCode: number, body: string): Promise<string> {
    server = createServer((request, response) => {
      response.writeHead(request.url === "/api/v1/status" ? statusCode : 404, { "content-type": "application/json" });
      response.end(body);
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async function closedPortUrl(): Promise<string> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return `http://127.0.0.1:${port}`;
  }

  it("returns the status Skein reports", async () => {
    const url = await serve(200, JSON.stringify(status(43180)));
    expect(await fetchSkeinStatus(url)).toEqual(status(43180));
  });

  it("tells the user to start Skein when nothing listens", async () => {
    const url = await closedPortUrl();
    const failure = fetchSkeinStatus(url);
    await expect(failure).rejects.toBeInstanceOf(DemoStartError);
    await expect(failure).rejects.toThrow(`no Skein at ${url}: start it with \`npm start\` (or pass --api-url)`);
  });

  it("tells the user to fix --api-url when something else answers", async () => {
    const notFound = await serve(404, "{}");
    await expect(fetchSkeinStatus(notFound)).rejects.toThrow(`${notFound} is not a Skein API (HTTP 404 from GET /api/v1/status)`);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    const other = await serve(200, JSON.stringify({ hello: "world" }));
    await expect(fetchSkeinStatus(other)).rejects.toThrow("an unexpected JSON body");
  });
});
