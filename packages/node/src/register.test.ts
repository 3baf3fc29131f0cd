import { bytesToHex, type Span } from "@skein/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OtlpCaptureServer } from "./testdata/otlp-capture-server.js";
import { closedPort, fixtureRunner } from "./testdata/run-fixture.js";

// Each test runs a fixture app from testdata/ as its own process with the BUILT package
// (`npx tsc -b packages/node` first), exporting to a capture server of its own.
const REGISTER = ["--import", "@skein/node/register"];
const FAST = { OTEL_BSP_SCHEDULE_DELAY: "100", OTEL_BLRP_SCHEDULE_DELAY: "100" };
/** Batches would wait a minute: anything exported was flushed by the exit handling. */
const SLOW = { OTEL_BSP_SCHEDULE_DELAY: "60000", OTEL_BLRP_SCHEDULE_DELAY: "60000" };

// Tests run concurrently: leftovers are killed once all are done, not after each test.
const fixtures = fixtureRunner();
const run = fixtures.run;
afterAll(() => fixtures.killAll());

async function work(port: number): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/work`);
  expect(res.status).toBe(200);
  await res.text();
}

const hex = (id: Uint8Array | null): string | null => (id === null ? null : bytesToHex(id));
const byName = (spans: Span[], name: string): Span | undefined => spans.find((s) => s.name === name);

describe.concurrent("node --import @skein/node/register", () => {
  let capture: OtlpCaptureServer;
  beforeAll(async () => {
    capture = await OtlpCaptureServer.start();
    return () => capture.close();
  });

  it.each([
    ["ESM app, --import register, pino", "esm-express-pino.mjs", REGISTER, "@opentelemetry/instrumentation-pino"],
    ["CommonJS app, --import register, winston", "cjs-express-winston.cjs", REGISTER, "@opentelemetry/winston-transport"],
    ["CommonJS app, require(register) on line 1", "cjs-require-register.cjs", [], "@opentelemetry/winston-transport"],
    ["ESM app, import register + dynamic import()", "esm-register-then-dynamic-import.mjs", [], "@opentelemetry/instrumentation-pino"],
    ["ESM app, --import of a module calling start()", "esm-express-pino.mjs", ["--import", "./packages/node/src/testdata/telemetry-start.mjs"], "@opentelemetry/instrumentation-pino"],
  ])("%s: http + express spans, log lines carry the span's ids and are exported as OTLP logs", async (title, fixture, nodeArgs, logScope) => {
    const service = title.replace(/\W+/g, "-");
    const app = run(fixture, nodeArgs, { ...FAST, OTEL_EXPORTER_OTLP_ENDPOINT: capture.url, OTEL_SERVICE_NAME: service, FIXTURE_SERVICE_NAME: service });
    await work(await app.ready());
    const ofService = (): Span[] => capture.spans.filter((s) => s.resource.attributes["service.name"] === service);
    const server = await capture.waitFor("the server span", () => byName(ofService(), "GET /work"));
    const handler = await capture.waitFor("the express span", () => byName(ofService(), "request handler"));
    expect(server.kind).toBe(2);
    expect(hex(handler.parentSpanId)).toBe(hex(server.spanId));
    expect(handler.scope.name).toBe("@opentelemetry/instrumentation-express");
    // router is off by default: no duplicate "middleware - patched" span under Express 5.
    expect(ofService().map((s) => s.name).sort()).toEqual(["GET /work", "request handler"]);
    if (title.includes("start()")) expect(server.resource.attributes["fixture.configured.in"]).toBe("code");

    const line = app.jsonLines().find((l) => l.msg === "working on it" || l.message === "working on it");
    expect(line).toMatchObject({ trace_id: hex(server.traceId), span_id: hex(handler.spanId), trace_flags: "01" });
    const outside = app.jsonLines().find((l) => l.msg === "outside any request" || l.message === "outside any request");
    expect(outside).toBeDefined();
    expect(outside).not.toHaveProperty("trace_id");

    const ofLogs = () => capture.logs.filter((l) => l.resource.attributes["service.name"] === service);
    const inSpan = await capture.waitFor("the exported log", () => ofLogs().find((l) => l.body === "working on it"));
    expect(inSpan.scope.name).toBe(logScope);
    expect(hex(inSpan.traceId)).toBe(hex(server.traceId));
    expect(hex(inSpan.spanId)).toBe(hex(handler.spanId));
    const exportedOutside = await capture.waitFor("the uncorrelated log", () => ofLogs().find((l) => l.body === "outside any request"));
    expect(exportedOutside.traceId).toBeNull();
    expect(app.stderr).toBe("");
  });

  it("ESM app with `import register` first and static imports after it: only node:http is traced", async () => {
    // ESM loads and links every static import before any module body runs, so express and pino
    // are loaded before the register module can start anything. The http server span appears
    // because node:http's module object is patched in place; express and pino are not patched.
    // This documents the limitation the README describes.
    const app = run("esm-import-first.mjs", [], { ...FAST, OTEL_EXPORTER_OTLP_ENDPOINT: capture.url, OTEL_SERVICE_NAME: "import-first" });
    await work(await app.ready());
    const server = await capture.waitFor("the server span", () =>
      capture.spans.find((s) => s.resource.attributes["service.name"] === "import-first" && s.kind === 2),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const names = capture.spans.filter((s) => s.resource.attributes["service.name"] === "import-first").map((s) => s.name);
    expect(names).toEqual(["GET"]);
    expect(server.attributes["http.route"]).toBeUndefined();
    expect(app.jsonLines().find((l) => l.msg === "working on it")).not.toHaveProperty("trace_id");
  });

  it("SIGTERM without an app handler: flushes, then ends by the signal like an uninstrumented app", async () => {
    const app = run("esm-express-pino.mjs", REGISTER, { ...SLOW, OTEL_EXPORTER_OTLP_ENDPOINT: capture.url, OTEL_SERVICE_NAME: "sigterm" });
    await work(await app.ready());
    const exit = await app.stop("SIGTERM");
    expect(exit).toEqual({ code: null, signal: "SIGTERM" });
    const names = capture.spans.filter((s) => s.resource.attributes["service.name"] === "sigterm").map((s) => s.name);
    expect(names).toContain("GET /work");
    expect(capture.logs.some((l) => l.body === "working on it" && l.resource.attributes["service.name"] === "sigterm")).toBe(true);
  });

  it("SIGINT without an app handler behaves the same way", async () => {
    const app = run("esm-express-pino.mjs", REGISTER, { ...SLOW, OTEL_EXPORTER_OTLP_ENDPOINT: capture.url, OTEL_SERVICE_NAME: "sigint" });
    await work(await app.ready());
    expect(await app.stop("SIGINT")).toEqual({ code: null, signal: "SIGINT" });
    expect(capture.spans.some((s) => s.name === "GET /work" && s.resource.attributes["service.name"] === "sigint")).toBe(true);
  });

  it("SIGTERM with an app handler: the app decides how to exit, telemetry is flushed meanwhile", async () => {
    const app = run("own-sigterm-handler.mjs", REGISTER, { ...SLOW, OTEL_EXPORTER_OTLP_ENDPOINT: capture.url, OTEL_SERVICE_NAME: "own-handler" });
    await app.ready();
    expect(await app.stop("SIGTERM")).toEqual({ code: 0, signal: null });
    expect(app.stdout).toContain("APP HANDLER");
    expect(capture.spans.some((s) => s.name === "before sigterm" && s.resource.attributes["service.name"] === "own-handler")).toBe(true);
  });

  it("a script that simply ends is flushed on beforeExit and exits normally", async () => {
    const app = run("script-ends.mjs", REGISTER, { ...SLOW, OTEL_EXPORTER_OTLP_ENDPOINT: capture.url, OTEL_SERVICE_NAME: "script" });
    expect(await app.exited).toEqual({ code: 0, signal: null });
    const span = byName(capture.spans.filter((s) => s.resource.attributes["service.name"] === "script"), "batch job");
    expect(span?.attributes["job.items"]).toBe(3n);
  });

  it("OTEL_SDK_DISABLED=true: the app runs and nothing is exported", async () => {
    const app = run("esm-express-pino.mjs", REGISTER, { ...FAST, OTEL_SDK_DISABLED: "true", OTEL_EXPORTER_OTLP_ENDPOINT: capture.url, OTEL_SERVICE_NAME: "disabled" });
    await work(await app.ready());
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await app.stop()).toEqual({ code: null, signal: "SIGTERM" });
    expect(capture.spans.filter((s) => s.resource.attributes["service.name"] === "disabled")).toEqual([]);
    expect(app.jsonLines().find((l) => l.msg === "working on it")).not.toHaveProperty("trace_id");
  });

  it("an unreachable endpoint: requests are served and the failure is reported once per signal", async () => {
    const port = await closedPort();
    // The OTLP exporter retries a refused connection until its timeout; 500 ms keeps this short.
    const env = { ...FAST, OTEL_EXPORTER_OTLP_TIMEOUT: "500", OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_SERVICE_NAME: "down" };
    const app = run("esm-express-pino.mjs", REGISTER, env);
    const appPort = await app.ready();
    for (let i = 0; i < 8; i++) {
      await work(appPort);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await app.stop();
    const reports = app.stderr.split("\n").filter((line) => line.startsWith("[skein]"));
    expect(reports.filter((line) => line.includes("could not export spans"))).toHaveLength(1);
    expect(reports.filter((line) => line.includes("could not export log records"))).toHaveLength(1);
    expect(reports[0]).toContain(`http://127.0.0.1:${port}/v1/`);
    expect(app.stderr.split("\n").filter((line) => line !== "" && !line.startsWith("[skein]"))).toEqual([]);
  });
});
