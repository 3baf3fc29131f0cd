import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { probeEndpoint } from "./endpoint-probe.js";

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A real HTTP server answering with `handle`; returns its /v1/traces URL. */
async function serve(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handle);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/v1/traces`;
}

const answering = (status: number) => (_req: IncomingMessage, res: ServerResponse) => res.writeHead(status).end();

describe("probeEndpoint", () => {
  it("is false for a refused connection", async () => {
    expect(await probeEndpoint(await closedPortUrl())).toBe(false);
  });

  it("is false for the statuses the exporters retry, true for success and other errors", async () => {
    for (const status of [429, 502, 503, 504]) expect(await probeEndpoint(await serve(answering(status))), String(status)).toBe(false);
    for (const status of [200, 400, 401, 404, 500]) expect(await probeEndpoint(await serve(answering(status))), String(status)).toBe(true);
  });

  it("sends an empty protobuf POST to the URL", async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers["content-type"]} ${req.headers["content-length"]}`);
      res.end();
    });
    await probeEndpoint(url);
    expect(seen).toEqual(["POST /v1/traces application/x-protobuf 0"]);
  });

  it("is true, after the timeout, for an endpoint that accepted the connection but does not answer", async () => {
    const url = await serve(() => undefined);
    const started = Date.now();
    expect(await probeEndpoint(url, 200)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
