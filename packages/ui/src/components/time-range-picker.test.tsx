// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resolveTimeRange, type TimeRange } from "../format/time-range.js";
import { TimeRangePicker } from "./time-range-picker.js";

afterEach(cleanup);

const CUSTOM: TimeRange = { kind: "custom", start: "2026-11-24T10:00:00.000Z", end: "2026-11-24T11:00:00.000Z" };

describe("TimeRangePicker", () => {
  it("reports a cleared end as an incomplete range that resolveTimeRange refuses", () => {
    const onChange = vi.fn();
    render(<TimeRangePicker value={CUSTOM} onChange={onChange} />);
    fireEvent.change(screen.getByTestId("time-range-start"), { target: { value: "" } });
    const reported = onChange.mock.lastCall?.[0] as TimeRange;
    expect(reported).toEqual({ kind: "custom", start: "", end: CUSTOM.end });
    expect(() => resolveTimeRange(reported)).toThrow(/pick both ends/);
  });

  it("reports a complete custom range as ISO instants, and presets by id", () => {
    const onChange = vi.fn();
    render(<TimeRangePicker value={CUSTOM} onChange={onChange} />);
    fireEvent.change(screen.getByTestId("time-range-end"), { target: { value: "2026-11-24T12:30:00" } });
    expect(onChange).toHaveBeenLastCalledWith({ kind: "custom", start: CUSTOM.start, end: new Date("2026-11-24T12:30:00").toISOString() });
    fireEvent.change(screen.getByTestId("time-range"), { target: { value: "15m" } });
    expect(onChange).toHaveBeenLastCalledWith({ kind: "preset", preset: "15m" });
  });

  it("outlines both inputs when the page says the range is invalid", () => {
    render(<TimeRangePicker value={CUSTOM} onChange={() => {}} invalid />);
    expect(screen.getByTestId("time-range-start").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("time-range-end").getAttribute("aria-invalid")).toBe("true");
  });
});
