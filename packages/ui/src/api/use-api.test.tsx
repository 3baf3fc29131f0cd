// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { LruCache } from "./lru-cache.js";
import { useApi, type ApiState } from "./use-api.js";

afterEach(cleanup);

/** Every state the hook returned, per render, tagged with the key it was rendered for. */
const renders: string[] = [];
const store = new LruCache<string>(5);

function Probe({ k, cached }: { k: string; cached: boolean }) {
  const state = useApi<string>(async () => `answer ${k}`, [k], cached ? { store, key: k } : undefined);
  renders.push(`${k}: ${show(state)}`);
  return <p data-testid="state">{show(state)}</p>;
}

function show(state: ApiState<string>): string {
  return state.status === "ok" ? state.data : state.status;
}

describe("useApi", () => {
  for (const cached of [false, true]) {
    it(`never returns the previous deps' answer for new deps (${cached ? "with" : "without"} a cache)`, async () => {
      renders.length = 0;
      const { rerender } = render(<Probe k={`a-${String(cached)}`} cached={cached} />);
      await waitFor(() => expect(screen.getByTestId("state").textContent).toBe(`answer a-${String(cached)}`));
      renders.length = 0;
      rerender(<Probe k={`b-${String(cached)}`} cached={cached} />);
      // The first render for the new key (before the effect ran) already says "loading".
      expect(renders[0]).toBe(`b-${String(cached)}: loading`);
      await waitFor(() => expect(screen.getByTestId("state").textContent).toBe(`answer b-${String(cached)}`));
      expect(renders.filter((r) => r.includes("answer a"))).toEqual([]);
    });
  }

  it("returns a remembered answer in the first render of its key, without loading", async () => {
    store.set("c", "remembered c");
    renders.length = 0;
    render(<Probe k="c" cached />);
    expect(renders[0]).toBe("c: remembered c");
  });
});
