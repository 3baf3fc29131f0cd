import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { StorageBackloggedError, StorageUnavailableError } from "@skein/storage";
import { makeSpan, traceIdOf } from "@skein/storage/testing";
import { encodeSpanWrite } from "../encoded-write.js";
import type { EncodedWrite } from "../encoded-write.js";
import { REJECTED_DIR, Spool } from "./spool.js";

let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), "skein-spool-test-")), "spool");
});
afterEach(async () => {
  await rm(join(dir, ".."), { recursive: true, force: true });
});

const writes = new Map<number, EncodedWrite>();

/** The write with ingest id `n` (the same object for the same `n`). */
function write(n: number): EncodedWrite {
  let w = writes.get(n);
  if (w === undefined) {
    w = encodeSpanWrite(Array.from({ length: 3 }, (_, i) => makeSpan({ traceId: traceIdOf(n), name: `w${String(n).padStart(3, "0")}-${i}` })), BigInt(n));
    writes.set(n, w);
  }
  return w;
}

/** Replays everything (marking each done) and returns the ingest ids in replay order. */
async function replayAll(spool: Spool): Promise<bigint[]> {
  const ids: bigint[] = [];
  for (let entry = await spool.next(); entry !== undefined; entry = await spool.next()) {
    ids.push(entry.write!.ingestId);
    await spool.done(entry);
  }
  return ids;
}

async function segments(): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.startsWith("segment-")).sort();
}

it("keeps appended writes across a reopen and hands them out oldest first, unchanged", async () => {
  const a = new Spool(dir, 1 << 20);
  await a.open();
  const writes = Array.from({ length: 40 }, (_, i) => write(i + 1));
  await Promise.all(writes.map((w) => a.append(w)));
  expect(a.writes).toBe(40);
  await a.close();

  const b = new Spool(dir, 1 << 20);
  expect(await b.open()).toMatchObject({ writes: 40 });
  const first = await b.next();
  expect(first!.write).toEqual(writes[0]);
  await b.done(first!);
  expect(await replayAll(b)).toEqual(writes.slice(1).map((w) => w.ingestId));
  expect(b.writes).toBe(0);
  expect(b.bytes).toBe(0);
  expect(await segments()).toEqual([]);
  await b.close();
});

it("cuts a torn tail (kill -9 mid-append) and keeps every frame before it", async () => {
  const a = new Spool(dir, 1 << 20);
  await a.open();
  for (let i = 1; i <= 3; i++) await a.append(write(i));
  await a.close();
  const [name] = await segments();
  const path = join(dir, name!);
  const full = (await stat(path)).size;
  await truncate(path, full - 7); // the last frame cut short
  await appendFile(path, Buffer.from("SKS1\u0000\u0000garbage")); // and a torn header after it

  const b = new Spool(dir, 1 << 20);
  expect(await b.open()).toMatchObject({ writes: 2 });
  expect((await stat(path)).size).toBeLessThan(full - 7);
  expect(await replayAll(b)).toEqual([1n, 2n]);
  await b.close();
});

it("drops a segment that holds nothing intact", async () => {
  const a = new Spool(dir, 1 << 20);
  await a.open();
  await a.append(write(1));
  await a.close();
  const [name] = await segments();
  const bytes = await readFile(join(dir, name!));
  bytes[bytes.length - 1]! ^= 0xff; // the only frame's checksum no longer matches
  await appendFile(join(dir, "segment-000000000009.spool"), bytes);
  await rm(join(dir, name!));
  const b = new Spool(dir, 1 << 20);
  expect(await b.open()).toMatchObject({ writes: 0, bytes: 0 });
  expect(await segments()).toEqual([]);
  await b.append(write(2));
  expect(await segments()).toEqual(["segment-000000000010.spool"]); // numbering continues after the old one
  await b.close();
});

it("refuses a write that would take it past maxBytes, keeping nothing of it, and takes writes again once replayed", async () => {
  const frameBytes = await (async () => {
    const probe = new Spool(join(dir, "probe"), 1 << 20);
    await probe.open();
    await probe.append(write(1));
    const bytes = probe.bytes;
    await probe.close();
    return bytes;
  })();
  const spool = new Spool(dir, frameBytes * 5 + frameBytes / 2, frameBytes * 2);
  await spool.open();
  const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => spool.append(write(i + 1))));
  const refused = results.filter((r) => r.status === "rejected");
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
  expect(refused).toHaveLength(3);
  for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StorageBackloggedError);
  expect(spool.bytes).toBeLessThanOrEqual(spool.maxBytes);
  expect(spool.writes).toBe(5);
  await spool.close();

  const again = new Spool(dir, frameBytes * 5 + frameBytes / 2, frameBytes * 2);
  await again.open();
  expect(await replayAll(again)).toEqual([1n, 2n, 3n, 4n, 5n]); // the refused writes 6–8 were never kept
  await again.append(write(9));
  expect(again.writes).toBe(1);
  await again.close();
});

it("never reports fewer writes than it holds while a segment is being sealed for replay", async () => {
  const spool = new Spool(dir, 1 << 20);
  await spool.open();
  await spool.append(write(1));
  await spool.append(write(2));
  let settled = false;
  const first = spool.next().finally(() => (settled = true));
  const seen = new Set<number>();
  while (!settled) {
    seen.add(spool.writes);
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect([...seen]).toEqual([2]);
  await spool.done((await first)!);
  expect(spool.writes).toBe(1);
  await spool.close();
});

it("frees space segment by segment while replaying", async () => {
  const spool = new Spool(dir, 1 << 20, 1); // every append seals its segment
  await spool.open();
  for (let i = 1; i <= 3; i++) await spool.append(write(i));
  expect(await segments()).toHaveLength(3);
  const before = spool.bytes;
  const entry = await spool.next();
  await spool.done(entry!);
  expect(await segments()).toHaveLength(2);
  expect(spool.bytes).toBeLessThan(before);
  await spool.close();
});

it("moves a rejected frame to rejected/ intact instead of deleting it", async () => {
  const spool = new Spool(dir, 1 << 20);
  await spool.open();
  await spool.append(write(1));
  await spool.append(write(2));
  const entry = await spool.next();
  const path = await spool.reject(entry!);
  expect(path.startsWith(join(dir, REJECTED_DIR))).toBe(true);
  expect(await replayAll(spool)).toEqual([2n]);
  await spool.close();
  // The rejected file is a segment of one frame: a spool opened on a copy hands the write out again.
  const aside = join(dir, "..", "aside");
  await mkdir(aside);
  await appendFile(join(aside, "segment-000000000001.spool"), await readFile(path));
  const check = new Spool(aside, 1 << 20);
  await check.open();
  expect((await check.next())!.write).toEqual(write(1));
  await check.close();
});

it("rejects an append the disk does not take with StorageUnavailableError, counting nothing of it", async () => {
  const spool = new Spool(dir, 1 << 20);
  await spool.open();
  await rm(dir, { recursive: true });
  await writeFile(dir, "not a directory");
  await expect(spool.append(write(1))).rejects.toBeInstanceOf(StorageUnavailableError);
  expect(spool.writes).toBe(0);
  expect(spool.bytes).toBe(0);
  await spool.close();
});

it("refuses appends after close and leaves the frames on disk", async () => {
  const spool = new Spool(dir, 1 << 20);
  await spool.open();
  await spool.append(write(1));
  await spool.close();
  await expect(spool.append(write(2))).rejects.toMatchObject({ code: "SKEIN_ERR_STORAGE_CLOSED" });
  expect(await segments()).toHaveLength(1);
});

it("requeue() moves a write behind the others", async () => {
  const spool = new Spool(dir, 1 << 20);
  await spool.open();
  for (let i = 1; i <= 3; i++) await spool.append(write(i));
  const first = await spool.next();
  await spool.requeue(first as typeof first & { write: EncodedWrite });
  expect(spool.writes).toBe(3);
  expect(await replayAll(spool)).toEqual([2n, 3n, 1n]);
  await spool.close();
});

it("requeue() of a write that no longer fits leaves it where it is", async () => {
  const probe = new Spool(join(dir, "probe"), 1 << 20);
  await probe.open();
  await probe.append(write(1));
  const frame = probe.bytes;
  await probe.close();
  const spool = new Spool(dir, frame * 2);
  await spool.open();
  await spool.append(write(1));
  await spool.append(write(2));
  const first = await spool.next();
  await expect(spool.requeue(first as typeof first & { write: EncodedWrite })).rejects.toBeInstanceOf(StorageBackloggedError);
  expect(await replayAll(spool)).toEqual([1n, 2n]);
  await spool.close();
});

it("marks frames found at open() as recovered, those appended since as not", async () => {
  const a = new Spool(dir, 1 << 20);
  await a.open();
  await a.append(write(1));
  await a.close();
  const b = new Spool(dir, 1 << 20);
  await b.open();
  await b.append(write(2));
  const old = await b.next();
  expect(old).toMatchObject({ recovered: true });
  await b.done(old!);
  expect(await b.next()).toMatchObject({ recovered: false });
  await b.close();
});

it("take() hands out at most maxWrites frames", async () => {
  const spool = new Spool(dir, 1 << 20);
  await spool.open();
  for (let i = 1; i <= 7; i++) await spool.append(write(i));
  const batch = await spool.take(1 << 20, 3);
  expect(batch.map((e) => e.write!.ingestId)).toEqual([1n, 2n, 3n]);
  for (const e of batch) await spool.done(e);
  expect((await spool.take(1 << 20, 10)).map((e) => e.write!.ingestId)).toEqual([4n, 5n, 6n, 7n]);
  await spool.close();
});
