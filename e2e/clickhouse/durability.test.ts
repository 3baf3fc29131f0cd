import { ClickHouseServerProcess } from "@skein/storage-clickhouse/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AckedSender } from "../support/acked-sender.js";
import { eventually } from "../support/api-client.js";
import { clickHouseSkeinArgs, directoryBytes, spoolDir } from "../support/clickhouse-skein.js";
import { tracesNotExact, waitForExactTraces } from "../support/exact-traces.js";
import { makeRawTrace, nowNs, traceRequestProto, type RawTrace } from "../support/otlp-payloads.js";
import { callExport, createRawGrpcClient, grpc, GRPC_METHODS } from "../support/raw-grpc.js";
import { SkeinProcess, sleep } from "../support/skein-process.js";

// "Never lose acknowledged data" (issue 5, item 4) with a real clickhouse-server and real
// `skein start` processes: while ClickHouse is down or hung, Skein acks only what it fsynced to
// its spool, replays it when ClickHouse is back, and a replay never shows a span twice.

/** How long every acked span may take to show up after ClickHouse is back (replay backoff included). */
const REPLAY_BOUND_MS = 30_000;

let clickhouse: ClickHouseServerProcess;
const skeins: SkeinProcess[] = [];

beforeAll(async () => {
  clickhouse = await ClickHouseServerProcess.start();
});
afterAll(async () => {
  await Promise.all(skeins.map((s) => s.cleanup()));
  await clickhouse?.dispose();
});

async function startSkein(database: string, extra: { spoolLimit?: string } = {}): Promise<SkeinProcess> {
  const skein = await SkeinProcess.start({ args: clickHouseSkeinArgs({ url: clickhouse.url, database, ...extra }) });
  skeins.push(skein);
  return skein;
}

/** Waits until `sender` has `count` acked requests (ClickHouse healthy). */
async function ackedAtLeast(sender: AckedSender, count: number): Promise<void> {
  await eventually(async () => (sender.acked.length >= count ? true : undefined), 15_000, `${count} acks (${sender.describe()})`);
}

/** Every acked trace is (or becomes, within REPLAY_BOUND_MS) exact; failures carry Skein's output. */
async function expectAllStored(skein: SkeinProcess, traces: readonly RawTrace[]): Promise<void> {
  try {
    await waitForExactTraces(skein.endpoints.apiUrl, traces, REPLAY_BOUND_MS);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${skein.describe()}`);
  }
}

/**
 * After every acked trace was found exactly once: waits until the spool on disk is empty (every
 * spooled write replayed, none set aside as rejected), since a replay still running could add a
 * duplicate later, then checks every acked trace once more.
 */
async function expectExactAfterSpoolDrained(skein: SkeinProcess, database: string, sender: AckedSender): Promise<void> {
  const dir = spoolDir(skein.endpoints.dataDir);
  const deadline = Date.now() + REPLAY_BOUND_MS;
  let bytes = await directoryBytes(dir);
  while (bytes > 0) {
    if (Date.now() > deadline) throw new Error(`${dir} still holds ${bytes} bytes after ${REPLAY_BOUND_MS} ms\n${skein.describe()}`);
    await sleep(250);
    bytes = await directoryBytes(dir);
  }
  const wrong = await tracesNotExact(skein.endpoints.apiUrl, sender.acked);
  expect(wrong.map((w) => `${w.trace.traceId}: ${w.state}`), "acked traces once the spool drained").toEqual([]);
  // Below the API too: no span is stored twice (a read-side de-duplication would hide it above).
  const [rows, distinct] = (await clickhouse.sql(`SELECT count(), uniqExact(trace_id_hi, trace_id_lo, span_id) FROM ${database}.spans WHERE service = '${sender.service}'`))
    .trim()
    .split("\t")
    .map(Number);
  expect(rows, `span rows of ${sender.service} in ClickHouse`).toBe(distinct);
  expect(rows).toBeGreaterThanOrEqual(sender.acked.reduce((n, t) => n + t.spans.length, 0));
}

const OUTAGE_DB = "durable_outage";
const FULL_DB = "durable_full";

describe("ClickHouse fails during ingest (one Skein, one ClickHouse)", () => {
  let skein: SkeinProcess;
  beforeAll(async () => {
    skein = await startSkein(OUTAGE_DB);
  });

  it("kill -9 of ClickHouse: acks continue (spooled), and after a restart every acked span is stored exactly once", async () => {
    const sender = new AckedSender({ otlpHttpUrl: skein.endpoints.otlpHttpUrl, service: "ch-killed", intervalMs: 40 });
    sender.start();
    try {
      await ackedAtLeast(sender, 10);
      await clickhouse.kill();
      const downAt = Date.now();
      await sleep(2_500);
      const ackedWhileDown = sender.ackedSentSince(downAt);
      expect(ackedWhileDown.length, `acks while ClickHouse was down: ${sender.describe()}`).toBeGreaterThanOrEqual(5);
      await clickhouse.restart();
      await sleep(1_000);
    } finally {
      await sender.stop();
    }
    expect(sender.outcomes.filter((o) => !o.acked).map((o) => o.status), `unacked requests: ${sender.describe()}`).toEqual([]);
    await expectAllStored(skein, sender.acked);
    await expectExactAfterSpoolDrained(skein, OUTAGE_DB, sender);
  });

  it("SIGSTOP of ClickHouse (hung, not down): acks continue, and after SIGCONT every acked span is stored exactly once", async () => {
    const sender = new AckedSender({ otlpHttpUrl: skein.endpoints.otlpHttpUrl, service: "ch-paused", intervalMs: 40 });
    sender.start();
    try {
      await ackedAtLeast(sender, 10);
      clickhouse.pause();
      const pausedAt = Date.now();
      // Well past Skein's wait for a slow ClickHouse insert (2 s) before it spools the batch.
      await sleep(4_500);
      const resumeAt = Date.now();
      const ackedWhilePaused = sender.ackedSentSince(pausedAt).filter((o) => o.settledAt < resumeAt);
      clickhouse.resume();
      expect(ackedWhilePaused.length, `acks while ClickHouse hung: ${sender.describe()}`).toBeGreaterThanOrEqual(1);
      await sleep(1_000);
    } finally {
      clickhouse.resume();
      await sender.stop();
    }
    expect(sender.outcomes.filter((o) => !o.acked).map((o) => o.status), `unacked requests: ${sender.describe()}`).toEqual([]);
    await expectAllStored(skein, sender.acked);
    await expectExactAfterSpoolDrained(skein, OUTAGE_DB, sender);
  });

  it("spans acked into the spool survive kill -9 of Skein: a new Skein on the same data dir stores each exactly once", async () => {
    const sender = new AckedSender({ otlpHttpUrl: skein.endpoints.otlpHttpUrl, service: "skein-killed", intervalMs: 40 });
    sender.start();
    await ackedAtLeast(sender, 5);
    await sender.stop();
    await clickhouse.stop();
    const downAt = Date.now();
    sender.start();
    try {
      await eventually(async () => (sender.ackedSentSince(downAt).length >= 10 ? true : undefined), 15_000, "10 acks into the spool");
      await skein.kill9();
    } finally {
      await sender.stop();
    }
    const acked = sender.acked;
    expect(await directoryBytes(spoolDir(skein.endpoints.dataDir)), "spool bytes on disk after kill -9").toBeGreaterThan(0);

    await clickhouse.restart();
    skein = await skein.restart();
    skeins.push(skein);
    await expectAllStored(skein, acked);
    await expectExactAfterSpoolDrained(skein, OUTAGE_DB, sender);
  });
});

describe("the spool is full (--clickhouse-spool-limit 1MiB, ClickHouse down)", () => {
  it("answers 503 with Retry-After (gRPC: RESOURCE_EXHAUSTED); what was acked before is stored once ClickHouse returns", async () => {
    const skein = await startSkein(FULL_DB, { spoolLimit: "1MiB" });
    const sender = new AckedSender({ otlpHttpUrl: skein.endpoints.otlpHttpUrl, service: "spool-full", spansPerTrace: 100 });
    expect((await sender.sendOne()).acked, "first request with ClickHouse up").toBe(true);
    await clickhouse.stop();
    try {
      let full = await sender.sendOne();
      for (let i = 0; i < 500 && full.status !== 503; i++) full = await sender.sendOne();
      expect(full.status, `no 503 from a 1MiB spool: ${sender.describe()}`).toBe(503);
      expect(full.retryAfter, "Retry-After of the 503").toMatch(/^[1-9]\d*$/);
      expect(sender.acked.length, `acked before the spool filled: ${sender.describe()}`).toBeGreaterThanOrEqual(2);
      expect(sender.outcomes.filter((o) => !o.acked && o.status !== 503).map((o) => o.status), sender.describe()).toEqual([]);

      const grpcClient = createRawGrpcClient(skein.endpoints.otlpGrpcAddress);
      try {
        // Twice the refused HTTP request, so it cannot fit in what is left of the spool either.
        const trace = makeRawTrace(200, nowNs(-1_000), "spool-full-over-grpc");
        const outcome = await callExport(grpcClient, GRPC_METHODS.traces, traceRequestProto("spool-full", trace.spans));
        expect(outcome.code, outcome.details).toBe(grpc.status.RESOURCE_EXHAUSTED);
      } finally {
        grpcClient.close();
      }
    } finally {
      if (clickhouse.pid === undefined) await clickhouse.restart();
    }

    await expectAllStored(skein, sender.acked);
    // Room again: ingest is accepted, and nothing acked shows up twice once the spool drained.
    await eventually(async () => ((await sender.sendOne()).acked ? true : undefined), REPLAY_BOUND_MS, "an ack after ClickHouse returned");
    await expectExactAfterSpoolDrained(skein, FULL_DB, sender);
  });
});
