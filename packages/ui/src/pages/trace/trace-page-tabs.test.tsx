// @vitest-environment jsdom
import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { spanIdOf, TRACE_ID } from "../../testing/api-fixtures.js";
import { renderTracePage, serveTrace } from "./testdata/trace-page-harness.js";
import { smallTrace, smallTraceLogs } from "./waterfall/testdata/small-trace.js";
import { useFakeLayout } from "../../testing/fake-layout.js";

useFakeLayout();

const spanRow = (n: number) => screen.getByTestId("waterfall").querySelector<HTMLElement>(`[data-testid=span-row][data-span-id="${spanIdOf(n)}"]`);
const search = () => new URLSearchParams(screen.getByTestId("location").textContent!);
const logBodies = () => screen.getAllByTestId("trace-log-row").map((row) => row.querySelector(".trace-log-body")!.textContent);

describe("TracePage tabs", () => {
  it("keeps the waterfall's collapse and find, and the Logs tab's filter, across tab switches and Back", async () => {
    serveTrace({ trace: smallTrace(), logs: smallTraceLogs() });
    renderTracePage(`/trace/${TRACE_ID}`);
    await screen.findByTestId("waterfall");
    fireEvent.click(within(spanRow(2)!).getByTestId("span-toggle"));
    fireEvent.change(screen.getByTestId("trace-find"), { target: { value: "api" } });
    expect(spanRow(4)).toBeNull();

    fireEvent.click(screen.getByTestId("trace-tab-logs"));
    fireEvent.change(screen.getByTestId("trace-logs-filter"), { target: { value: "validating" } });
    expect(logBodies()).toEqual(["validating cart"]);

    fireEvent.click(screen.getByTestId("trace-tab-waterfall"));
    expect(spanRow(2)!.getAttribute("aria-expanded")).toBe("false");
    expect(spanRow(4)).toBeNull();
    expect((screen.getByTestId("trace-find") as HTMLInputElement).value).toBe("api");
    expect(screen.getByTestId("find-count").textContent).toBe("0 of 3");

    fireEvent.click(screen.getByTestId("history-back"));
    expect(search().get("tab")).toBe("logs");
    expect((screen.getByTestId("trace-logs-filter") as HTMLInputElement).value).toBe("validating");
    expect(logBodies()).toEqual(["validating cart"]);
    fireEvent.click(screen.getByTestId("history-back"));
    expect(search().has("tab")).toBe(false);
    expect(spanRow(4)).toBeNull();
  });

  it("reveals a span selected in the flame graph when the waterfall is shown again", async () => {
    serveTrace({ trace: smallTrace(), logs: [] });
    renderTracePage(`/trace/${TRACE_ID}`);
    await screen.findByTestId("waterfall");
    fireEvent.click(within(spanRow(1)!).getByTestId("span-toggle"));
    fireEvent.click(screen.getByTestId("trace-tab-flame"));
    fireEvent.click(screen.getByTestId("flame-graph").querySelector(`[data-testid=flame-node][data-span-id="${spanIdOf(5)}"]`)!);
    fireEvent.click(screen.getByTestId("trace-tab-waterfall"));
    expect(spanRow(5)!.getAttribute("aria-selected")).toBe("true");
  });

  it("keeps the Logs tab when the logs failed to load, and says so there", async () => {
    serveTrace({ trace: smallTrace(), logs: "fail" });
    renderTracePage(`/trace/${TRACE_ID}`);
    await screen.findByTestId("waterfall");
    expect(screen.getByTestId("trace-tab-logs").textContent).toBe("Logs!");
    fireEvent.click(screen.getByTestId("trace-tab-logs"));
    expect(screen.getByTestId("trace-logs-failed").textContent).toContain("couldn't be loaded");
    expect(screen.queryByText("No logs were recorded in this trace")).toBeNull();
  });
});
