import type { ApiSpan } from "@skein/model/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SkeinProcess } from "../support/skein-process.js";
import { FixtureProcess, otelEnv } from "./support-fixture-process.js";
import { newTraceparent, plainGet } from "./support-load.js";
import { spanById, traceSpans } from "./support-skein-queries.js";

// A client without any OTel SDK (this test process: plain node:http) sends a W3C traceparent and
// tracestate to a service started with `node --import @skein/node/register`: the service must
// continue that trace (same trace id, parented by the client's span id, tracestate kept), not
// start a new one, and carry the context on to the next hop.

const SERVICE = "continuing-service";
const TRACESTATE = "vendor1=opaque-1,vendor2=xyz";

let skein: SkeinProcess;
let service: FixtureProcess;

beforeAll(async () => {
  skein = await SkeinProcess.start();
  service = await FixtureProcess.start({ fixture: "http-service.mjs", env: otelEnv(SERVICE, skein.endpoints) });
});

afterAll(async () => {
  await service?.stop().catch(() => service.kill());
  await skein?.cleanup();
});

describe("a traceparent from an uninstrumented client is continued", () => {
  it("the server span has the client's trace id, its span id as parent, and its tracestate", async () => {
    const parent = newTraceparent(true);
    const res = await plainGet(`${service.url}/context`, { traceparent: parent.header, tracestate: TRACESTATE });
    expect(res.status, res.body).toBe(200);
    const seen = (JSON.parse(res.body) as { context: { traceId: string; spanId: string; traceState: string } }).context;
    expect(seen).toMatchObject({ traceId: parent.traceId, traceState: TRACESTATE });

    const [span] = await traceSpans(skein.endpoints.apiUrl, parent.traceId);
    expect(span).toMatchObject({ spanId: seen.spanId, parentSpanId: parent.spanId, kind: "server", service: SERVICE, traceState: TRACESTATE });
  });

  it("the continued trace reaches the next hop: traceparent from the service's client span, tracestate unchanged", async () => {
    const parent = newTraceparent(true);
    const res = await plainGet(`${service.url}/hop`, { traceparent: parent.header, tracestate: TRACESTATE });
    expect(res.status, res.body).toBe(200);
    const { context, downstream } = JSON.parse(res.body) as {
      context: { spanId: string };
      downstream: { traceparent: string; tracestate: string };
    };
    expect(downstream.tracestate).toBe(TRACESTATE);

    // server (/hop) → client (fetch) → server (/echo-headers), all in the client's trace.
    const spans = await traceSpans(skein.endpoints.apiUrl, parent.traceId, 3);
    const entry = spanById(spans, context.spanId);
    expect(entry).toMatchObject({ kind: "server", parentSpanId: parent.spanId });
    const outgoing = onlyChild(spans, entry);
    expect(outgoing.kind).toBe("client");
    expect(downstream.traceparent).toBe(`00-${parent.traceId}-${outgoing.spanId}-01`);
    expect(onlyChild(spans, outgoing)).toMatchObject({ kind: "server", traceState: TRACESTATE });
  });

  it("without a traceparent the service starts a new trace of its own", async () => {
    const res = await plainGet(`${service.url}/context`);
    const { traceId, spanId } = (JSON.parse(res.body) as { context: { traceId: string; spanId: string } }).context;
    const [span] = await traceSpans(skein.endpoints.apiUrl, traceId);
    expect(span).toMatchObject({ spanId, parentSpanId: null, kind: "server" });
  });
});

function onlyChild(spans: readonly ApiSpan[], parent: ApiSpan): ApiSpan {
  const children = spans.filter((s) => s.parentSpanId === parent.spanId);
  if (children.length !== 1) throw new Error(`expected one child of ${parent.name}, got ${JSON.stringify(spans)}`);
  return children[0]!;
}
