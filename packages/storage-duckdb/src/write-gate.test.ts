import { describe, expect, it } from "vitest";
import { WriteGate } from "./write-gate.js";

/** A promise with its resolve function, to hold a gate holder open until the test lets it go. */
function latch(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("WriteGate", () => {
  it("runs shared holders together and an exclusive one alone, after them", async () => {
    const gate = new WriteGate();
    const events: string[] = [];
    const a = latch();
    const b = latch();
    const sharedA = gate.shared(async () => (events.push("a in"), await a.promise, events.push("a out")));
    const sharedB = gate.shared(async () => (events.push("b in"), await b.promise, events.push("b out")));
    const exclusive = gate.exclusive(async () => void events.push("x"));
    await tick();
    expect(events).toEqual(["a in", "b in"]);
    a.open();
    await tick();
    expect(events).toEqual(["a in", "b in", "a out"]);
    b.open();
    await Promise.all([sharedA, sharedB, exclusive]);
    expect(events).toEqual(["a in", "b in", "a out", "b out", "x"]);
  });

  it("queues shared holders that arrive while an exclusive one waits, and runs them after it", async () => {
    const gate = new WriteGate();
    const events: string[] = [];
    const a = latch();
    const x = latch();
    const first = gate.shared(async () => (await a.promise, events.push("a")));
    const exclusive = gate.exclusive(async () => (events.push("x in"), await x.promise, events.push("x out")));
    const late = gate.shared(async () => void events.push("late"));
    await tick();
    expect(events).toEqual([]);
    a.open();
    await tick();
    expect(events).toEqual(["a", "x in"]);
    x.open();
    await Promise.all([first, exclusive, late]);
    expect(events).toEqual(["a", "x in", "x out", "late"]);
  });

  it("releases the gate when a holder throws", async () => {
    const gate = new WriteGate();
    await expect(gate.exclusive(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(gate.shared(async () => Promise.reject(new Error("bang")))).rejects.toThrow("bang");
    await expect(gate.exclusive(async () => 7)).resolves.toBe(7);
    await expect(gate.shared(async () => 8)).resolves.toBe(8);
  });
});
