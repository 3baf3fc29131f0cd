// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { serviceColor } from "../format/service-color.js";
import { ServicesProvider, useServices, type ServicesState } from "./services-context.js";

/** Every call into service-color, in order: registration must come before any colour is drawn. */
const colorCalls = vi.hoisted(() => [] as string[]);
vi.mock("../format/service-color.js", () => ({
  registerServices: (names: readonly string[]) => void colorCalls.push(`register ${names.join(",")}`),
  serviceColor: (name: string) => {
    colorCalls.push(`color ${name}`);
    return "#000";
  },
}));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  colorCalls.length = 0;
});

function stubServices(...answers: string[][]) {
  const fetchMock = vi.fn(async () => Response.json({ services: answers.shift() ?? [] }));
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

describe("ServicesProvider", () => {
  it("loads the list once for every consumer and registers colours before they render it", async () => {
    const fetchMock = stubServices(["zeta", "alpha"]);
    function Consumer({ id }: { id: string }) {
      const { state } = useServices();
      return <p data-testid={id}>{state.status === "ok" ? state.data.map((name) => `${name}:${serviceColor(name)}`).join(" ") : state.status}</p>;
    }
    render(
      <ServicesProvider>
        <Consumer id="a" />
        <Consumer id="b" />
      </ServicesProvider>,
    );
    await waitFor(() => expect(screen.getByTestId("a").textContent).toBe("zeta:#000 alpha:#000"));
    expect(screen.getByTestId("b").textContent).toBe("zeta:#000 alpha:#000");
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(colorCalls[0]).toBe("register zeta,alpha");
  });

  it("reload() asks the server again", async () => {
    const fetchMock = stubServices([], ["checkout"]);
    const seen: { current?: ServicesState } = {};
    function Consumer() {
      seen.current = useServices();
      return null;
    }
    render(
      <ServicesProvider>
        <Consumer />
      </ServicesProvider>,
    );
    await waitFor(() => expect(seen.current?.state).toEqual({ status: "ok", data: [] }));
    act(() => seen.current!.reload());
    await waitFor(() => expect(seen.current?.state).toEqual({ status: "ok", data: ["checkout"] }));
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("refuses to work without a provider (a wiring bug)", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    function Orphan() {
      useServices();
      return null;
    }
    expect(() => render(<Orphan />)).toThrow(/ServicesProvider/);
  });
});
