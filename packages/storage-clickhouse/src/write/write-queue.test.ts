import { describe, expect, it } from "vitest";
import type { EncodedWrite } from "../encoded-write.js";
import { WriteQueue } from "./write-queue.js";
import type { QueuedWrite } from "./write-queue.js";

function write(rows: number): EncodedWrite {
  return { signal: "spans", ingestId: 1n, rows, main: { table: "spans", body: "x\n".repeat(rows) }, side: [], minDay: "2026-11-24", maxDay: "2026-11-24" };
}

/** A commit function whose groups stay open until the test settles them. */
function manualCommits() {
  const open: { group: QueuedWrite[]; done: () => void }[] = [];
  const commit = (group: QueuedWrite[]) =>
    new Promise<void>((resolve) =>
      open.push({
        group,
        done: () => {
          group.forEach((w) => w.resolve());
          resolve();
        },
      }),
    );
  return { open, commit };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("WriteQueue", () => {
  it("commits up to maxConcurrent groups at once and groups the writes that wait", async () => {
    const { open, commit } = manualCommits();
    const queue = new WriteQueue(commit, 1_000, 1 << 20, 2);
    const writes = [queue.submit(write(1)), queue.submit(write(1)), queue.submit(write(1)), queue.submit(write(1))];
    await tick();
    expect(open.map((c) => c.group.length)).toEqual([1, 1]); // two lone writes go at once
    open[0]!.done();
    await tick();
    expect(open.map((c) => c.group.length)).toEqual([1, 1, 2]); // the two that waited go together
    open[1]!.done();
    open[2]!.done();
    await Promise.all(writes);
    await queue.settled();
  });

  it("with maxConcurrent 1 a write waits for the group in flight", async () => {
    const { open, commit } = manualCommits();
    const queue = new WriteQueue(commit, 1_000, 1 << 20, 1);
    const writes = [queue.submit(write(1)), queue.submit(write(1)), queue.submit(write(1))];
    await tick();
    expect(open.map((c) => c.group.length)).toEqual([1]);
    open[0]!.done();
    await tick();
    expect(open.map((c) => c.group.length)).toEqual([1, 2]);
    open[1]!.done();
    await Promise.all(writes);
  });

  it("settled() waits for every group in flight", async () => {
    const { open, commit } = manualCommits();
    const queue = new WriteQueue(commit, 1_000, 1 << 20, 2);
    void queue.submit(write(1));
    void queue.submit(write(1));
    await tick();
    let settled = false;
    void queue.settled().then(() => (settled = true));
    open[0]!.done();
    await tick();
    expect(settled).toBe(false);
    open[1]!.done();
    await tick();
    expect(settled).toBe(true);
  });
});
