import type { ApiSpan } from "@skein/model/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SkeinProcess } from "../support/skein-process.js";
import { FixtureProcess, otelEnv } from "./support-fixture-process.js";
import { NatsServer } from "./support-nats-server.js";
import { spanById, traceSpans } from "./support-skein-queries.js";

// Trace context through a real broker: a producer service publishes to a real nats-server inside
// withProducerSpan (context in the NATS message headers); consumer processes handle the messages
// inside withConsumerSpan. Each is a separate `node --import @skein/node/register` process
// exporting to a real Skein. One consumer runs with SKEIN_PARENT_CONSUMER_SPANS unset (new trace
// + link), the other with SKEIN_PARENT_CONSUMER_SPANS=true (child of the producer span + link).

interface Published {
  traceId: string;
  spanId: string;
  serverSpanId: string;
}
interface Processed {
  processed: string;
  traceId: string;
  spanId: string;
}

let skein: SkeinProcess;
let nats: NatsServer;
const processes: FixtureProcess[] = [];
const results: Record<"linked" | "parented", { published: Published; processed: Processed }> = {} as never;

/**
 * Awaits every start and hands whatever did start to `own` (so afterAll stops it) before
 * throwing the first failure: with Promise.all, a failed start would leave the others running.
 */
async function startAll<T>(starts: Promise<T>[], own: (started: T) => void): Promise<T[]> {
  const settled = await Promise.allSettled(starts);
  for (const s of settled) if (s.status === "fulfilled") own(s.value);
  for (const s of settled) if (s.status === "rejected") throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

function startFixture(fixture: string, service: string, env: Record<string, string>): Promise<FixtureProcess> {
  return FixtureProcess.start({ fixture, env: { ...otelEnv(service, skein.endpoints), NATS_URL: nats.url, ...env } });
}

beforeAll(async () => {
  await startAll<SkeinProcess | NatsServer>([SkeinProcess.start(), NatsServer.start()], (started) => {
    if (started instanceof SkeinProcess) skein = started;
    else nats = started;
  });
  const [producer, linked, parented] = await startAll(
    [
      startFixture("nats-producer.mjs", "order-api", {}),
      startFixture("nats-consumer.mjs", "notifier-linked", { SUBJECT: "orders.linked" }),
      startFixture("nats-consumer.mjs", "notifier-parented", { SUBJECT: "orders.parented", SKEIN_PARENT_CONSUMER_SPANS: "true" }),
    ],
    (started) => processes.push(started),
  );
  for (const [mode, consumer] of [["linked", linked], ["parented", parented]] as const) {
    const caseId = `case-${mode}`;
    const res = await fetch(`${producer.url}/publish?subject=orders.${mode}&case=${caseId}`, { method: "POST" });
    expect(res.status, producer.describe()).toBe(200);
    const published = (await res.json()) as Published;
    const processed = (await consumer.waitFor((l) => l.processed === caseId, 10_000, `processed ${caseId}`)) as unknown as Processed;
    results[mode] = { published, processed };
  }
  // SIGTERM flushes each SDK; after the exits everything has been exported.
  for (const p of processes) expect(await p.stop(), p.describe()).toBe(0);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
  await nats?.stop();
  await skein?.cleanup();
});

const MESSAGING = { "messaging.system": "nats", "messaging.message.body.size": expect.any(Number) };

function expectProducerSpan(spans: ApiSpan[], published: Published, subject: string): void {
  const producer = spanById(spans, published.spanId);
  expect(producer).toMatchObject({
    kind: "producer",
    name: `send ${subject}`,
    service: "order-api",
    parentSpanId: published.serverSpanId,
    attributes: { ...MESSAGING, "messaging.destination.name": subject, "messaging.operation.type": "send" },
  });
  expect(spanById(spans, published.serverSpanId).kind).toBe("server");
}

function expectConsumerSpan(consumer: ApiSpan, published: Published, subject: string, service: string): void {
  expect(consumer).toMatchObject({
    kind: "consumer",
    name: `process ${subject}`,
    service,
    attributes: { ...MESSAGING, "messaging.destination.name": subject, "messaging.operation.type": "process" },
  });
  expect(consumer.links.map((l) => [l.traceId, l.spanId])).toEqual([[published.traceId, published.spanId]]);
}

describe("queue propagation through nats-server", () => {
  it("by default the consumer span starts a new trace, linked to the producer span", async () => {
    const { published, processed } = results.linked;
    expect(processed.traceId).not.toBe(published.traceId);
    expectProducerSpan(await traceSpans(skein.endpoints.apiUrl, published.traceId, 2), published, "orders.linked");

    const consumerTrace = await traceSpans(skein.endpoints.apiUrl, processed.traceId);
    const consumer = spanById(consumerTrace, processed.spanId);
    expect(consumer.parentSpanId).toBeNull();
    expectConsumerSpan(consumer, published, "orders.linked", "notifier-linked");
  });

  it("with SKEIN_PARENT_CONSUMER_SPANS=true the consumer span is the producer span's child, and linked", async () => {
    const { published, processed } = results.parented;
    expect(processed.traceId).toBe(published.traceId);
    const spans = await traceSpans(skein.endpoints.apiUrl, published.traceId, 3);
    expectProducerSpan(spans, published, "orders.parented");
    const consumer = spanById(spans, processed.spanId);
    expect(consumer.parentSpanId).toBe(published.spanId);
    expectConsumerSpan(consumer, published, "orders.parented", "notifier-parented");
  });
});
