import { useState } from "react";
import { TIME_RANGE_PRESETS, type TimeRange, type TimeRangePresetId } from "../format/time-range.js";

/**
 * Preset selector plus "Custom range", which shows two local date-time inputs. Every edit calls
 * onChange, so the form's draft always matches what the inputs show: when an input is cleared (or
 * holds no valid date-time) that end is reported as "" — `{kind: "custom", start: "", end}` — which
 * resolveTimeRange refuses, so the page's check blocks the submit with a time-range field error
 * instead of silently searching the previous range. `invalid` outlines the inputs.
 */
export function TimeRangePicker({ value, onChange, invalid = false }: { value: TimeRange; onChange: (range: TimeRange) => void; invalid?: boolean }) {
  const [custom, setCustom] = useState(value.kind === "custom");
  const [start, setStart] = useState(value.kind === "custom" ? toLocalInput(value.start) : "");
  const [end, setEnd] = useState(value.kind === "custom" ? toLocalInput(value.end) : "");

  const commitCustom = (nextStart: string, nextEnd: string) => onChange({ kind: "custom", start: toIso(nextStart), end: toIso(nextEnd) });

  return (
    <span className="time-range-picker">
      <select
        aria-label="Time range"
        data-testid="time-range"
        value={custom ? "custom" : value.kind === "preset" ? value.preset : "custom"}
        onChange={(event) => {
          if (event.target.value === "custom") {
            setCustom(true);
            const now = Date.now();
            const initialStart = start || toLocalInput(new Date(now - 3_600_000).toISOString());
            const initialEnd = end || toLocalInput(new Date(now).toISOString());
            setStart(initialStart);
            setEnd(initialEnd);
            commitCustom(initialStart, initialEnd);
          } else {
            setCustom(false);
            onChange({ kind: "preset", preset: event.target.value as TimeRangePresetId });
          }
        }}
      >
        {TIME_RANGE_PRESETS.map((preset) => (
          <option key={preset.id} value={preset.id}>
            {preset.label}
          </option>
        ))}
        <option value="custom">Custom range…</option>
      </select>
      {custom && (
        <>
          <DateTimeInput
            label="From"
            testId="time-range-start"
            value={start}
            invalid={invalid}
            onChange={(value) => {
              setStart(value);
              commitCustom(value, end);
            }}
          />
          <DateTimeInput
            label="To"
            testId="time-range-end"
            value={end}
            invalid={invalid}
            onChange={(value) => {
              setEnd(value);
              commitCustom(start, value);
            }}
          />
        </>
      )}
    </span>
  );
}

/** A datetime-local input's value → an ISO instant, or "" when it is empty or not a date-time. */
function toIso(local: string): string {
  const ms = local === "" ? NaN : new Date(local).getTime();
  return Number.isNaN(ms) ? "" : new Date(ms).toISOString();
}

/** One end of a custom range: a local date-time input to the second. */
function DateTimeInput(props: { label: string; testId: string; value: string; invalid: boolean; onChange: (value: string) => void }) {
  return (
    <input
      type="datetime-local"
      step="1"
      aria-label={props.label}
      aria-invalid={props.invalid}
      data-testid={props.testId}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
}

/** ISO instant → the `YYYY-MM-DDTHH:MM:SS` local form a datetime-local input shows. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
