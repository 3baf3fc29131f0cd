import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { makeSpan, traceIdOf } from "@skein/storage/testing";
import { encodeSpanWrite } from "../encoded-write.js";
import type { EncodedWrite } from "../encoded-write.js";
import { decodeFrameBody } from "./spool-frame.js";
import { FRAME_HEADER_BYTES } from "./spool-frame.js";
import { REJECTED_DIR, Spool } from "./spool.js";

// Writes set aside in rejected/ are never overwritten, whatever process set them aside.

let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), "skein-rejected-")), "spool");
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(join(dir, ".."), { recursive: true, force: true });
});

const write = (n: number, name: string): EncodedWrite => encodeSpanWrite([makeSpan({ traceId: traceIdOf(n), name })], BigInt(n));

/** One process's life: opens the spool, spools `w`, sets it aside, closes. */
async function rejectInOneProcess(w: EncodedWrite): Promise<string> {
  const spool = new Spool(dir, 1 << 20);
  await spool.open();
  await spool.append(w);
  const [entry] = await spool.take(1 << 20);
  const path = await spool.reject(entry!);
  await spool.close();
  return path;
}

async function rejectedWrites(): Promise<Map<string, EncodedWrite>> {
  const out = new Map<string, EncodedWrite>();
  for (const name of await readdir(join(dir, REJECTED_DIR))) out.set(name, decodeFrameBody((await readFile(join(dir, REJECTED_DIR, name))).subarray(FRAME_HEADER_BYTES)));
  return out;
}

it("keeps every set-aside write across restarts (each at the same segment and offset), named by ingest id, and counts them", async () => {
  const first = write(11, "first-process");
  const second = write(12, "second-process");
  const a = await rejectInOneProcess(first);
  const b = await rejectInOneProcess(second);
  expect(a).not.toBe(b);
  const kept = await rejectedWrites();
  expect([...kept.values()]).toEqual(expect.arrayContaining([first, second]));
  expect(kept.size).toBe(2);
  expect([...kept.keys()].every((n) => /^1[12]-\d+\.frame$/.test(n))).toBe(true);

  const spool = new Spool(dir, 1 << 20);
  expect(await spool.open()).toMatchObject({ rejectedWrites: 2 });
  expect(spool.rejectedWrites).toBe(2);
  const sizes = await Promise.all([a, b].map(async (p) => (await readFile(p)).length));
  expect(spool.rejectedBytes).toBe(sizes[0]! + sizes[1]!);
  expect(spool.bytes).toBe(0); // set-aside writes do not take spool room
  await spool.close();
});

it("never overwrites a file that has the name a new one would get", async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(1_800_000_000_000);
  await rejectInOneProcess(write(5, "kept"));
  // Someone put a file under the next names too.
  await writeFile(join(dir, REJECTED_DIR, "5-1800000000000-1.frame"), "not a frame");
  const path = await rejectInOneProcess(write(5, "same id, same millisecond"));
  expect(path).toBe(join(dir, REJECTED_DIR, "5-1800000000000-2.frame"));
  const names = (await readdir(join(dir, REJECTED_DIR))).sort();
  expect(names).toEqual(["5-1800000000000-1.frame", "5-1800000000000-2.frame", "5-1800000000000.frame"]);
  const kept = await readFile(join(dir, REJECTED_DIR, "5-1800000000000.frame"));
  expect(decodeFrameBody(kept.subarray(FRAME_HEADER_BYTES)).main.body).toContain("kept");
  expect(await readFile(join(dir, REJECTED_DIR, "5-1800000000000-1.frame"), "utf8")).toBe("not a frame");
});
