// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { serviceColor } from "../format/service-color.js";
import { ServicesProvider, useFreshServices, useServices, type ServicesState } from "./services-context.js";

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

  it("keeps the previous list while asking again; only the latest answer is fresh", async () => {
    let answer: (names: string[]) => void = () => {};
    vi.stubGlobal("fetch", vi.fn(async () => Response.json({ services: ["first"] })));
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
    await waitFor(() => expect(seen.current?.fresh).toBe(true));
    vi.stubGlobal("fetch", vi.fn(() => new Promise<Response>((resolve) => (answer = (names) => resolve(Response.json({ services: names }))))));
    act(() => seen.current!.reload());
    expect(seen.current).toMatchObject({ state: { status: "ok", data: ["first"] }, fresh: false, pending: true });
    act(() => answer(["first", "second"]));
    await waitFor(() => expect(seen.current).toMatchObject({ state: { status: "ok", data: ["first", "second"] }, fresh: true, pending: false }));
  });

  it("retries on its own after a failure, so one 503 does not leave the list unavailable", async () => {
    const responses = [Response.json({ error: { code: "SKEIN_ERR_UNAVAILABLE", message: "starting" } }, { status: 503 }), Response.json({ services: ["checkout"] })];
    const fetchMock = vi.fn(async () => responses.shift() ?? Response.json({ services: [] }));
    vi.stubGlobal("fetch", fetchMock);
    const seen: { current?: ServicesState } = {};
    function Consumer() {
      seen.current = useServices();
      return null;
    }
    render(
      <ServicesProvider retryDelaysMs={[200]}>
        <Consumer />
      </ServicesProvider>,
    );
    await waitFor(() => expect(seen.current?.state.status).toBe("error"));
    await waitFor(() => expect(seen.current?.state).toEqual({ status: "ok", data: ["checkout"] }));
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("a page mounting with the provider does not ask twice; a page mounting later asks again", async () => {
    const fetchMock = stubServices(["a"], ["a", "b"]);
    function Page() {
      const { state } = useFreshServices();
      return <p data-testid="page">{state.status === "ok" ? state.data.join(",") : state.status}</p>;
    }
    const { rerender } = render(
      <ServicesProvider>
        <Page key="first" />
      </ServicesProvider>,
    );
    await waitFor(() => expect(screen.getByTestId("page").textContent).toBe("a"));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    rerender(
      <ServicesProvider>
        <Page key="second" />
      </ServicesProvider>,
    );
    await waitFor(() => expect(screen.getByTestId("page").textContent).toBe("a,b"));
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
