import { bytesToHex } from "@skein/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OtlpCaptureServer } from "../testdata/otlp-capture-server.js";
import { FixtureProcess } from "../testdata/run-fixture.js";

// How the exporters follow OTEL_EXPORTER_OTLP_* / OTEL_TRACES_EXPORTER, seen from a capture
// server, with the BUILT package (`npx tsc -b packages/node` first).
const REGISTER = ["--import", "@skein/node/register"];
const START_IN_CODE = ["--import", "./packages/node/src/testdata/telemetry-start.mjs"];
const FAST = { OTEL_BSP_SCHEDULE_DELAY: "100", OTEL_BLRP_SCHEDULE_DELAY: "100" };
const HEADERS = { OTEL_EXPORTER_OTLP_HEADERS: "x-a=generic,x-c=general-only", OTEL_EXPORTER_OTLP_TRACES_HEADERS: "x-a=traces-specific,x-b=only-traces" };

const running: FixtureProcess[] = [];
afterAll(() => running.forEach((p) => p.kill()));

describe.concurrent("exporter environment", () => {
  let capture: OtlpCaptureServer;
  beforeAll(async () => {
    capture = await OtlpCaptureServer.start();
    return () => capture.close();
  });

  /** Runs esm-express-pino.mjs, does one GET /work, and waits for its log record to arrive. */
  async function serveOnce(service: string, nodeArgs: string[], env: Record<string, string>): Promise<FixtureProcess> {
    const app = FixtureProcess.run("esm-express-pino.mjs", {
      nodeArgs,
      env: { ...FAST, OTEL_EXPORTER_OTLP_ENDPOINT: capture.url, OTEL_SERVICE_NAME: service, FIXTURE_SERVICE_NAME: service, ...env },
    });
    running.push(app);
    const res = await fetch(`http://127.0.0.1:${await app.ready()}/work`);
    expect(res.status).toBe(200);
    await res.text();
    await capture.waitFor("the log record", () => capture.logs.find((l) => l.body === "working on it" && l.resource.attributes["service.name"] === service));
    return app;
  }

  /** The headers of the first export request of `service` to `path` (service names are unique per test). */
  async function headersOf(path: string, marker: string): Promise<Record<string, unknown>> {
    const request = await capture.waitFor(`a ${path} request`, () => capture.requests.find((r) => r.path === path && r.headers["x-test"] === marker));
    return request.headers;
  }

  it("a signal-specific header variable wins over OTEL_EXPORTER_OTLP_HEADERS, key by key", async () => {
    await serveOnce("headers-env", REGISTER, { ...HEADERS, OTEL_EXPORTER_OTLP_HEADERS: `${HEADERS.OTEL_EXPORTER_OTLP_HEADERS},x-test=env` });
    expect(await headersOf("/v1/traces", "env")).toMatchObject({ "x-a": "traces-specific", "x-b": "only-traces", "x-c": "general-only" });
    const logs = await headersOf("/v1/logs", "env");
    expect(logs).toMatchObject({ "x-a": "generic", "x-c": "general-only" });
    expect(logs).not.toHaveProperty("x-b");
  });

  it("a header set in code wins over both header variables", async () => {
    await serveOnce("headers-code", START_IN_CODE, { ...HEADERS, OTEL_EXPORTER_OTLP_HEADERS: `${HEADERS.OTEL_EXPORTER_OTLP_HEADERS},x-test=code`, FIXTURE_HEADER: "from-code" });
    expect(await headersOf("/v1/traces", "code")).toMatchObject({ "x-a": "from-code", "x-b": "only-traces" });
    expect(await headersOf("/v1/logs", "code")).toMatchObject({ "x-a": "from-code", "x-c": "general-only" });
  });

  it("OTEL_TRACES_EXPORTER=none exports no spans, but spans still exist: log lines and records carry their ids", async () => {
    const app = await serveOnce("traces-none", REGISTER, { OTEL_TRACES_EXPORTER: "none" });
    const line = app.jsonLines().find((l) => l.msg === "working on it");
    expect(line?.trace_id).toMatch(/^(?!0+$)[0-9a-f]{32}$/);
    expect(line?.span_id).toMatch(/^(?!0+$)[0-9a-f]{16}$/);
    const record = capture.logs.find((l) => l.body === "working on it" && l.resource.attributes["service.name"] === "traces-none")!;
    expect(bytesToHex(record.traceId!)).toBe(line?.trace_id);
    expect(bytesToHex(record.spanId!)).toBe(line?.span_id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(capture.spans.filter((s) => s.resource.attributes["service.name"] === "traces-none")).toEqual([]);
  });
});
