import type { ApiLog, ApiLogsResponse } from "@skein/model/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson } from "../support/api-client.js";
import { SkeinProcess } from "../support/skein-process.js";
import { FixtureProcess, otelEnv } from "./support-fixture-process.js";
import { plainGet } from "./support-load.js";
import { spanById, traceSpans } from "./support-skein-queries.js";

// Log correlation end to end, for both loggers the SDK supports: an Express app logging through
// winston (CommonJS) or pino (ESM), started with `node --import @skein/node/register`, exporting to
// a real Skein. A record written inside a request handler must carry the handler span's ids in the
// line the app writes, and be found in Skein under that span (`/api/v1/logs?traceId=&spanId=`).
// The native API has no trace-flags field for logs, so the flags are checked in the written line.

interface Case {
  logger: "winston" | "pino";
  fixture: string;
  /** The message of a written line: winston writes `message`, pino `msg`. */
  messageOf: (line: Record<string, unknown>) => unknown;
}
const CASES: Case[] = [
  { logger: "winston", fixture: "express-winston.cjs", messageOf: (l) => l.message },
  { logger: "pino", fixture: "express-pino.mjs", messageOf: (l) => l.msg },
];

interface Run {
  /** The span context active in the handler, as the app answered it. */
  handler: { traceId: string; spanId: string; traceFlags: number };
  /** The JSON line the app wrote for "working on it". */
  written: Record<string, unknown>;
  stderr: string;
}

let skein: SkeinProcess;
const runs = new Map<Case["logger"], Run>();

beforeAll(async () => {
  skein = await SkeinProcess.start();
  await Promise.all(
    CASES.map(async ({ logger, fixture, messageOf }) => {
      const app = await FixtureProcess.start({ fixture, env: otelEnv(`${logger}-app`, skein.endpoints) });
      try {
        const res = await plainGet(`${app.url}/work`);
        expect(res.status, res.body).toBe(200);
        const written = await app.waitFor((l) => messageOf(l) === "working on it", 5_000, '"working on it" line');
        // SIGTERM flushes the SDK: after the exit every record is in Skein.
        expect(await app.stop(), app.describe()).toBe(0);
        runs.set(logger, { handler: JSON.parse(res.body) as Run["handler"], written, stderr: app.stderr });
      } finally {
        await app.kill();
      }
    }),
  );
});

afterAll(async () => {
  await skein?.cleanup();
});

async function logs(query: string): Promise<ApiLog[]> {
  const res = await getJson<ApiLogsResponse>(`${skein.endpoints.apiUrl}/api/v1/logs?${query}`);
  if (res.status !== 200) throw new Error(`GET /api/v1/logs?${query}: ${res.status} ${res.text}`);
  return res.body.logs;
}

describe.each(CASES)("$logger in an Express app", ({ logger }) => {
  it("writes trace_id, span_id and trace_flags of the handler's span into the line", () => {
    const { handler, written } = runs.get(logger)!;
    expect(handler.traceFlags).toBe(1);
    expect(written, JSON.stringify(written)).toMatchObject({ trace_id: handler.traceId, span_id: handler.spanId, trace_flags: "01" });
  });

  it("exports the record to Skein, found by the handler span's trace and span id", async () => {
    const { handler, stderr } = runs.get(logger)!;
    const found = await logs(`traceId=${handler.traceId}&spanId=${handler.spanId}`);
    expect(found, stderr).toHaveLength(1);
    expect(found[0]).toMatchObject({
      body: "working on it",
      service: `${logger}-app`,
      traceId: handler.traceId,
      spanId: handler.spanId,
      severityNumber: 9,
      attributes: { step: "work" },
    });
    // The span the record points at is Express's request-handler span, under the request's server span.
    const spans = await traceSpans(skein.endpoints.apiUrl, handler.traceId, 2);
    const server = spans.filter((s) => s.kind === "server");
    expect(server, JSON.stringify(spans)).toHaveLength(1);
    expect(spanById(spans, handler.spanId)).toMatchObject({
      kind: "internal",
      parentSpanId: server[0]!.spanId,
      attributes: { "express.type": "request_handler", "http.route": "/work" },
    });
  });

  it("exports a record written outside any request without trace or span id", async () => {
    const outside = await logs(`service=${logger}-app&q=${encodeURIComponent("outside any request")}`);
    expect(outside).toHaveLength(1);
    expect(outside[0]).toMatchObject({ traceId: null, spanId: null });
  });
});
