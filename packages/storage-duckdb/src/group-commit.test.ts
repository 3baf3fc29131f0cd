import { describe, expect, it } from "vitest";
import { GroupCommitQueue } from "./group-commit.js";

/** A commit function that records each group and completes when told to. */
function recorder(fail: (items: number[]) => boolean = () => false) {
  const groups: number[][] = [];
  const gates: (() => void)[] = [];
  const commit = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      groups.push(items);
      gates.push(() => (fail(items) ? reject(new Error(`bad ${items.join(",")}`)) : resolve()));
    });
  const release = async () => {
    await new Promise((r) => setImmediate(r));
    gates.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { groups, commit, release };
}

describe("GroupCommitQueue", () => {
  it("commits a lone request at once and merges the ones arriving meanwhile", async () => {
    const r = recorder();
    const q = new GroupCommitQueue(r.commit, 100);
    const first = q.submit([1]);
    expect(r.groups).toEqual([[1]]); // not delayed
    const later = [q.submit([2, 3]), q.submit([4])];
    let laterDone = false;
    void Promise.all(later).then(() => (laterDone = true));
    await r.release();
    await first;
    expect(laterDone).toBe(false); // resolves only after ITS commit
    expect(r.groups).toEqual([[1], [2, 3, 4]]);
    await r.release();
    await Promise.all(later);
    await q.drain();
  });

  it("caps a commit at maxItems but keeps a big request whole", async () => {
    const r = recorder();
    const q = new GroupCommitQueue(r.commit, 3);
    const all = [q.submit([0]), q.submit([1, 2]), q.submit([3, 4]), q.submit([5, 6, 7, 8])];
    for (let i = 0; i < 4; i++) await r.release();
    await Promise.all(all);
    expect(r.groups).toEqual([[0], [1, 2], [3, 4], [5, 6, 7, 8]]);
  });

  it("retries a failed merged commit one by one so only the bad request fails", async () => {
    const r = recorder((items) => items.includes(13));
    const q = new GroupCommitQueue(r.commit, 100);
    const first = q.submit([1]);
    const good = q.submit([2]);
    const bad = q.submit([13]);
    const outcome = Promise.allSettled([first, good, bad]);
    for (let i = 0; i < 4; i++) await r.release();
    const [a, b, c] = await outcome;
    expect([a.status, b.status, c.status]).toEqual(["fulfilled", "fulfilled", "rejected"]);
    expect(r.groups).toEqual([[1], [2, 13], [2], [13]]);
  });

  it("drops a request aborted before its commit starts", async () => {
    const r = recorder();
    const q = new GroupCommitQueue(r.commit, 100);
    const first = q.submit([1]);
    const controller = new AbortController();
    const aborted = q.submit([2], controller.signal);
    const kept = q.submit([3]);
    controller.abort(new Error("client went away"));
    await expect(aborted).rejects.toThrow("client went away");
    await r.release();
    await r.release();
    await Promise.all([first, kept]);
    expect(r.groups).toEqual([[1], [3]]);
    await expect(q.submit([4], AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
  });

  it("drain waits for everything submitted", async () => {
    const r = recorder();
    const q = new GroupCommitQueue(r.commit, 100);
    const w = q.submit([1]);
    let drained = false;
    const d = q.drain().then(() => (drained = true));
    await new Promise((x) => setImmediate(x));
    expect(drained).toBe(false);
    await r.release();
    await Promise.all([w, d]);
    expect(drained).toBe(true);
  });
});

describe("GroupCommitQueue with two commits in flight", () => {
  it("starts a second commit while the first runs, then merges", async () => {
    const r = recorder();
    const q = new GroupCommitQueue(r.commit, 100, 2);
    const all = [q.submit([1]), q.submit([2]), q.submit([3]), q.submit([4])];
    expect(r.groups).toEqual([[1], [2]]);
    for (let i = 0; i < 3; i++) await r.release();
    await Promise.all(all);
    expect(r.groups).toEqual([[1], [2], [3, 4]]);
    await q.drain();
  });
});
