// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiLog, apiSpan, apiTrace, BASE_NANOS, spanIdOf } from "../../../testing/api-fixtures.js";
import { buildTraceModel } from "../../../trace/trace-model.js";
import { SpanDetails } from "./span-details.js";

afterEach(cleanup);

const MS = 1_000_000;
const hostile = "<img src=x onerror=alert(1)>";
const OTHER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const stack = "Error: card declined\n    at charge (payments.js:10:5)\n    at process (worker.js:3:1)";
const model = buildTraceModel(
  apiTrace([
    apiSpan({ spanId: spanIdOf(1), name: "GET /checkout", service: "frontend", kind: "server", durationNs: 100 * MS }),
    apiSpan({
      spanId: spanIdOf(2),
      parentSpanId: spanIdOf(1),
      name: "charge card",
      service: "payments",
      kind: "client",
      startOffsetNs: 10 * MS,
      durationNs: 40 * MS,
      status: { code: "error", message: "payment provider said no" },
      attributes: { "http.status_code": 402, "user.note": hostile },
      resource: { "service.name": "payments", "host.name": "pay-1" },
      scope: { name: "@opentelemetry/instrumentation-http", version: "0.57.0" },
      events: [
        { timeUnixNano: String(BASE_NANOS + 15n * 1_000_000n), name: "retry", attributes: { attempt: 2 } },
        {
          timeUnixNano: String(BASE_NANOS + 30n * 1_000_000n),
          name: "exception",
          attributes: { "exception.type": "CardError", "exception.message": "card declined", "exception.stacktrace": stack, "exception.escaped": false },
        },
      ],
      links: [
        { traceId: OTHER_TRACE, spanId: spanIdOf(7), attributes: { "link.reason": "batch" } },
        { traceId: "0af7651916cd43dd8448eb211c80319c", spanId: spanIdOf(3), attributes: {} },
      ],
    }),
    apiSpan({ spanId: spanIdOf(3), parentSpanId: spanIdOf(1), name: "render", service: "frontend", startOffsetNs: 60 * MS, durationNs: 30 * MS }),
  ]),
);
const chargeLogs = [
  apiLog({ offsetNs: 12 * MS, spanId: spanIdOf(2), body: "calling provider\nattempt 1", attributes: { "provider.name": "acme" } }),
  apiLog({ offsetNs: 31 * MS, spanId: spanIdOf(2), body: hostile, severityNumber: 17, severityText: "ERROR" }),
];

function renderDetails(index: number, logs = chargeLogs, onSelectSpan = vi.fn(), onClose = vi.fn()) {
  const result = render(
    <MemoryRouter>
      <SpanDetails model={model} node={model.nodes[index]!} logs={logs} onSelectSpan={onSelectSpan} onClose={onClose} />
    </MemoryRouter>,
  );
  return { ...result, onSelectSpan, onClose };
}

describe("SpanDetails", () => {
  it("shows name, service, kind, status with message and timing", () => {
    renderDetails(1);
    const panel = screen.getByTestId("span-details");
    expect(within(panel).getByRole("heading", { name: "charge card" })).toBeTruthy();
    expect(panel.textContent).toContain("payments");
    const facts = screen.getByTestId("span-facts");
    expect(facts.textContent).toContain(spanIdOf(2));
    expect(facts.textContent).toContain("client");
    expect(screen.getByTestId("span-status").textContent).toBe("errorpayment provider said no");
    expect(screen.getByTestId("span-status").querySelector(".span-status-error")).not.toBeNull();
    expect(facts.textContent).toContain("+10 ms from trace start");
    expect(facts.textContent).toContain("40 ms (40.0% of the trace)");
    expect(facts.textContent).toMatch(/\.010000000/); // start shown to the nanosecond
  });

  it("renders attributes, resource, scope and every value as text", () => {
    const { container } = renderDetails(1);
    expect(within(screen.getByTestId("span-attributes")).getByText("402")).toBeTruthy();
    expect(within(screen.getByTestId("span-attributes")).getByText(hostile)).toBeTruthy();
    expect(within(screen.getByTestId("span-resource")).getByText("pay-1")).toBeTruthy();
    expect(screen.getByTestId("span-scope").textContent).toContain("@opentelemetry/instrumentation-http version 0.57.0");
    expect(container.querySelector("img")).toBeNull();
  });

  it("lists events with their offset from the span start; an exception keeps its stack trace multi-line in a pre", () => {
    renderDetails(1);
    const events = within(screen.getByTestId("span-events")).getAllByTestId("span-event");
    expect(events.map((e) => e.querySelector(".span-event-offset")?.textContent)).toEqual(["+5 ms", "+20 ms"]);
    expect(events[1]!.textContent).toContain("CardError: card declined");
    const pre = screen.getByTestId("span-exception-stack");
    expect(pre.tagName).toBe("PRE");
    expect(pre.textContent).toBe(stack);
    expect(pre.textContent!.split("\n")).toHaveLength(3);
    // The rest of the exception's attributes stay in a table; the three shown above are not repeated.
    expect(within(events[1]!).getByText("exception.escaped")).toBeTruthy();
    expect(within(events[1]!).queryByText("exception.stacktrace")).toBeNull();
  });

  it("links to another trace by URL and selects same-trace links and the parent in place", () => {
    const { onSelectSpan } = renderDetails(1);
    const links = screen.getByTestId("span-links");
    const external = within(links).getByRole("link");
    expect(external.getAttribute("href")).toBe(`/trace/${OTHER_TRACE}?span=${spanIdOf(7)}`);
    expect(within(links).getByText("batch")).toBeTruthy();
    fireEvent.click(within(links).getByRole("button", { name: /render/ }));
    expect(onSelectSpan).toHaveBeenLastCalledWith(spanIdOf(3));
    fireEvent.click(screen.getByTestId("span-parent"));
    expect(onSelectSpan).toHaveBeenLastCalledWith(spanIdOf(1));
  });

  it("shows the span's logs oldest first with full time, multi-line body and expandable attributes", () => {
    const { container } = renderDetails(1);
    const logs = within(screen.getByTestId("span-logs")).getAllByTestId("span-log");
    expect(logs).toHaveLength(2);
    expect(logs[0]!.querySelector("pre")?.textContent).toBe("calling provider\nattempt 1");
    expect(logs[0]!.textContent).toMatch(/\.012000000/);
    expect(logs[1]!.querySelector("pre")?.textContent).toBe(hostile);
    expect(within(logs[0]!).getByText("1 attribute")).toBeTruthy();
    expect(container.querySelector("img")).toBeNull();
  });

  it("says when a span has no logs, marks a root, collapses sections and closes", () => {
    const { onClose } = renderDetails(0, []);
    expect(screen.getByTestId("span-logs").textContent).toContain("No logs were recorded in this span");
    expect(screen.getByTestId("span-facts").textContent).toContain("none (root span)");
    fireEvent.click(within(screen.getByTestId("span-resource")).getByRole("button", { expanded: true }));
    expect(within(screen.getByTestId("span-resource")).queryByText("service.name")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Close span details" }));
    expect(onClose).toHaveBeenCalledOnce();
  });

  it("shows a log with an unknown event time at its observed time, a null body as nothing", () => {
    const unknown = [apiLog({ timeUnixNano: "0", observedTimeUnixNano: String(BASE_NANOS + 33n * 1_000_000n), spanId: spanIdOf(2), body: null })];
    renderDetails(1, unknown);
    const log = within(screen.getByTestId("span-logs")).getByTestId("span-log");
    expect(log.textContent).toMatch(/\.033000000/);
    expect(log.textContent).not.toContain("1970");
    expect(log.querySelector("pre")?.textContent).toBe("");
  });

  it("offers no URL for a link whose ids are not lowercase hex", () => {
    const odd = buildTraceModel(
      apiTrace([apiSpan({ spanId: spanIdOf(1), links: [{ traceId: OTHER_TRACE.toUpperCase(), spanId: spanIdOf(7), attributes: {} }, { traceId: OTHER_TRACE, spanId: "zz", attributes: {} }] })]),
    );
    render(
      <MemoryRouter>
        <SpanDetails model={odd} node={odd.nodes[0]!} logs={[]} onSelectSpan={() => {}} onClose={() => {}} />
      </MemoryRouter>,
    );
    expect(within(screen.getByTestId("span-links")).queryByRole("link")).toBeNull();
    expect(within(screen.getByTestId("span-links")).getAllByTestId("span-link")).toHaveLength(2);
  });
});
