import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OtlpCaptureServer } from "../testdata/otlp-capture-server.js";
import { closedPort, fixtureRunner } from "../testdata/run-fixture.js";

// Exit timing with the BUILT package (`npx tsc -b packages/node` first), each fixture its own
// process. With the endpoint down, the OTLP exporter retries a batch for up to
// OTEL_EXPORTER_OTLP_TIMEOUT (10 s by default) on timers that keep the process alive; these
// tests check that none of that holds an exit up beyond the 2 s flush bound.
const REGISTER = ["--import", "@skein/node/register"];
const FAST = { OTEL_BSP_SCHEDULE_DELAY: "100", OTEL_BLRP_SCHEDULE_DELAY: "100" };

const fixtures = fixtureRunner();
const run = fixtures.run;
afterAll(() => fixtures.killAll());

describe.concurrent("exit with the endpoint down", () => {
  let down: string;
  beforeAll(async () => {
    down = `http://127.0.0.1:${await closedPort()}`;
  });

  it.each([0, 3])("a script that ends on its own (process.exitCode %i) exits so within 3 s of its last line (default export timeout)", async (code) => {
    const app = run("script-ends.mjs", REGISTER, { OTEL_EXPORTER_OTLP_ENDPOINT: down, FIXTURE_EXIT_CODE: String(code) });
    const done = await app.waitForOutput(/^DONE$/m);
    expect(await app.exitWithin(3_000)).toEqual({ code, signal: null });
    expect(Date.now() - done).toBeLessThan(3_000);
  });

  it("an app whose SIGTERM handler closes its server exits within 1 s once the outage was reported", async () => {
    // 3 s: the first failed export (retries included) ends after 2-3 s, so the outage is known.
    const app = run("graceful-server.mjs", REGISTER, { ...FAST, OTEL_EXPORTER_OTLP_TIMEOUT: "3000", OTEL_EXPORTER_OTLP_ENDPOINT: down });
    const port = await app.ready();
    for (let i = 0; i < 3; i++) await (await fetch(`http://127.0.0.1:${port}/`)).text();
    await app.waitForOutput(/could not export spans/, 10_000);
    // A span ended now is flushed on SIGTERM: with the outage known, it is dropped at once
    // instead of starting another round of retries.
    await (await fetch(`http://127.0.0.1:${port}/`)).text();
    const sent = Date.now();
    app.child.kill("SIGTERM");
    expect(await app.exitWithin(3_000)).toEqual({ code: 0, signal: null });
    expect(Date.now() - sent).toBeLessThan(1_000);
  });

  it.each([
    ["an explicit bound", { SHUTDOWN_TIMEOUT_MS: "300" }, 300],
    ["the default bound", {}, 2_000],
  ])("await start().shutdown() resolves within %s", async (_title, env, boundMs) => {
    const app = run("start-then-shutdown.mjs", [], { OTEL_EXPORTER_OTLP_ENDPOINT: down, ...env });
    await app.waitForOutput(/^SHUTDOWN \d+$/m);
    const took = Number(/^SHUTDOWN (\d+)$/m.exec(app.stdout)![1]);
    expect(took).toBeGreaterThanOrEqual(boundMs - 50);
    expect(took).toBeLessThan(boundMs + 500);
  });
});

describe.concurrent("exit with beforeExit listeners of the app", () => {
  let capture: OtlpCaptureServer;
  beforeAll(async () => {
    capture = await OtlpCaptureServer.start();
    return () => capture.close();
  });

  it("a listener that logs every time it is called does not make the process live forever", async () => {
    const app = run("before-exit-log.mjs", REGISTER, { OTEL_EXPORTER_OTLP_ENDPOINT: capture.url, SKEIN_CONSOLE_JSON: "true", OTEL_SERVICE_NAME: "bye" });
    await app.waitForOutput(/"msg":"start"/);
    expect(await app.exitWithin(3_000)).toEqual({ code: 0, signal: null });
    const byes = app.jsonLines().filter((line) => line.msg === "bye");
    expect(byes.length).toBeGreaterThanOrEqual(1);
    expect(byes.length).toBeLessThanOrEqual(3);
    expect(capture.logs.some((log) => log.body === "bye" && log.resource.attributes["service.name"] === "bye")).toBe(true);
  });

  it("a span the app ends in its own beforeExit listener is exported", async () => {
    const app = run("before-exit-span.mjs", REGISTER, { OTEL_EXPORTER_OTLP_ENDPOINT: capture.url, OTEL_SERVICE_NAME: "cleanup" });
    await app.waitForOutput(/^DONE$/m);
    expect(await app.exitWithin(3_000)).toEqual({ code: 0, signal: null });
    const ofService = capture.spans.filter((s) => s.resource.attributes["service.name"] === "cleanup");
    expect(ofService.map((s) => s.name)).toContain("cleanup");
  });
});
