import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DataSetLocation } from "./data-set-location.js";
import { generatePayloads, planDataset, readManifest, writeManifest } from "./dataset.js";
import { decodeRaw } from "./otlp-proto.js";

describe("bench data set", () => {
  const plan = planDataset(3000, 7, 1_800_000_000_000);
  const payloads = generatePayloads(plan);

  it("splits exactly the planned spans into requests of 512", () => {
    expect(payloads.spanCounts.reduce((s, n) => s + n, 0)).toBe(3000);
    expect(payloads.spanCounts.slice(0, -1).every((n) => n === 512)).toBe(true);
    expect(payloads.requests.map(decodeRaw)).toEqual(payloads.spanCounts);
    expect(payloads.wireBytes).toBe(payloads.requests.reduce((s, r) => s + r.byteLength, 0));
  });

  it("regenerates byte-identical payloads from the plan", () => {
    const again = generatePayloads(plan);
    expect(Buffer.concat(again.requests).equals(Buffer.concat(payloads.requests))).toBe(true);
  });

  it("samples complete traces and spans a time range ending before `now`", () => {
    expect(payloads.sample.length).toBeGreaterThan(50);
    expect(payloads.sample.every((t) => /^[0-9a-f]{32}$/.test(t.traceId) && t.spanCount >= 1)).toBe(true);
    expect(payloads.startMs).toBe(1_800_000_000_000 - 31 * 60 * 1000);
    expect(payloads.endMs).toBeGreaterThan(payloads.startMs);
    expect(payloads.endMs).toBeLessThan(1_800_000_000_000);
  });
});

describe("data set manifests", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** An engine's data set in a temp dir: data dir, its own DDL dir and manifest. */
  function location(engine: "duckdb" | "clickhouse", root = mkdtempSync(join(tmpdir(), "bench-manifest-"))): DataSetLocation {
    dirs.push(root);
    const data = join(root, `${engine}-data`);
    const schema = join(root, `${engine}-sql`);
    mkdirSync(data, { recursive: true });
    mkdirSync(schema, { recursive: true });
    writeFileSync(join(schema, "001.sql"), `CREATE TABLE ${engine}_spans (x INT)`);
    return { engine, skeinDataDir: data, manifestFile: join(root, `manifest-${engine}.json`), schemaDir: schema, dataDirs: [data] };
  }

  const plan = planDataset(1000, 7, 1_800_000_000_000);
  const payloads = generatePayloads(plan);

  it("reads back what the same engine wrote", () => {
    const duck = location("duckdb");
    writeManifest(duck, plan, payloads, 1000);
    expect(readManifest(duck, 1000)).toMatchObject({ engine: "duckdb", committedSpans: 1000, plan });
    expect(readManifest(duck, 500)).toBeDefined(); // a larger data set serves a smaller request
    expect(readManifest(duck, 2000)).toBeUndefined();
  });

  it("never takes one engine's data set for another's", () => {
    const root = mkdtempSync(join(tmpdir(), "bench-manifest-"));
    const duck = location("duckdb", root);
    const click = { ...location("clickhouse", root), manifestFile: duck.manifestFile }; // even through the same file
    writeManifest(duck, plan, payloads, 1000);
    expect(readManifest(click, 1000)).toBeUndefined();
  });

  it("treats a manifest without an engine (written before --storage) as DuckDB's", () => {
    const duck = location("duckdb");
    const m = writeManifest(duck, plan, payloads, 1000);
    delete m.engine;
    writeFileSync(duck.manifestFile, JSON.stringify(m));
    expect(readManifest(duck, 1000)).toBeDefined();
  });

  it("is invalidated by a change of that engine's DDL, or when its data is gone", () => {
    const click = location("clickhouse");
    writeManifest(click, plan, payloads, 1000);
    expect(readManifest(click, 1000)).toBeDefined();
    writeFileSync(join(click.schemaDir, "002.sql"), "ALTER TABLE spans ADD COLUMN y UInt8");
    expect(readManifest(click, 1000)).toBeUndefined();
    writeManifest(click, plan, payloads, 1000);
    rmSync(click.dataDirs[0]!, { recursive: true });
    expect(readManifest(click, 1000)).toBeUndefined();
  });

  it("with a reference plan, accepts only exactly that plan", () => {
    const click = location("clickhouse");
    writeManifest(click, plan, payloads, 1000);
    expect(readManifest(click, 1000, { ...plan })).toBeDefined();
    expect(readManifest(click, 1000, { ...plan, baseTimeNs: "1" })).toBeUndefined();
    expect(readManifest(click, 1000, { ...plan, spans: 2000 })).toBeUndefined();
  });
});
