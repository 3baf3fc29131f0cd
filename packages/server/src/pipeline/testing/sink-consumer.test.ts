import { describe, expect, it } from "vitest";
import { SinkConsumer } from "./sink-consumer.js";

describe("SinkConsumer", () => {
  it("records accepted batches and fails on demand", async () => {
    const sink = new SinkConsumer<string>();
    await sink.consume("a");
    sink.failWith(new Error("disk full"));
    await expect(sink.consume("b")).rejects.toThrow("disk full");
    sink.succeed();
    await sink.consume("c");
    expect(sink.batches).toEqual(["a", "c"]);
  });

  it("fails only the next n calls when told how many", async () => {
    const sink = new SinkConsumer<string>();
    sink.failWith(new Error("spool full"), 2);
    await expect(sink.consume("a")).rejects.toThrow("spool full");
    await expect(sink.consume("b")).rejects.toThrow("spool full");
    await sink.consume("c");
    expect(sink.batches).toEqual(["c"]);
    expect(sink.calls).toBe(3);
  });

  it("hangs until released or aborted", async () => {
    const sink = new SinkConsumer<string>();
    sink.hang();
    const released = sink.consume("a");
    const controller = new AbortController();
    const aborted = sink.consume("b", controller.signal);
    expect(sink.waiting).toBe(2);
    controller.abort(new Error("client went away"));
    await expect(aborted).rejects.toThrow("client went away");
    expect(sink.batches).toEqual([]);
    sink.release();
    await released;
    expect(sink.batches).toEqual(["a"]);
    expect(sink.waiting).toBe(0);
  });
});
