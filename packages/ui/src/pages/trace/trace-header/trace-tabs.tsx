import { useRef, type KeyboardEvent } from "react";

/** The views of a trace, in tab order; the value is what `?tab=` holds. */
export const TRACE_TABS = [
  { id: "waterfall", label: "Waterfall" },
  { id: "flame", label: "Flame graph" },
  { id: "stats", label: "Statistics" },
  { id: "logs", label: "Logs" },
] as const;

export type TraceTab = (typeof TRACE_TABS)[number]["id"];

/** `?tab=` as a TraceTab; anything else (absent, misspelt) is the waterfall. */
export function readTraceTab(value: string | null): TraceTab {
  return TRACE_TABS.find((tab) => tab.id === value)?.id ?? "waterfall";
}

/** DOM ids tying each tab to its panel (aria-controls / aria-labelledby). */
export const traceTabId = (tab: TraceTab) => `trace-tab-${tab}`;
export const tracePanelId = (tab: TraceTab) => `trace-panel-${tab}`;

/**
 * The tab bar (WAI-ARIA tabs, manual activation): ←/→/Home/End move focus between tabs, Enter or
 * a click opens one. The Logs tab shows how many logs the trace has, or a warning mark when they
 * failed to load (`logs` = "failed"; the tab stays, and its panel says they couldn't be loaded).
 */
export function TraceTabs({ tab, onTab, logs }: { tab: TraceTab; onTab: (tab: TraceTab) => void; logs: number | "failed" }) {
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = buttons.current.findIndex((button) => button === document.activeElement);
    if (at < 0) return;
    const last = TRACE_TABS.length - 1;
    const next = event.key === "ArrowRight" ? (at + 1) % TRACE_TABS.length : event.key === "ArrowLeft" ? (at + last) % TRACE_TABS.length : event.key === "Home" ? 0 : event.key === "End" ? last : undefined;
    if (next === undefined) return;
    event.preventDefault();
    buttons.current[next]?.focus();
  };
  return (
    <div className="trace-tabs" role="tablist" aria-label="Trace views" onKeyDown={onKeyDown}>
      {TRACE_TABS.map(({ id, label }, position) => (
        <button
          key={id}
          ref={(button) => {
            buttons.current[position] = button;
          }}
          type="button"
          role="tab"
          id={traceTabId(id)}
          aria-controls={tracePanelId(id)}
          aria-selected={id === tab}
          tabIndex={id === tab ? 0 : -1}
          className={`trace-tab${id === tab ? " is-active" : ""}`}
          data-testid={`trace-tab-${id}`}
          onClick={() => onTab(id)}
        >
          {label}
          {id === "logs" &&
            (logs === "failed" ? (
              <span className="trace-tab-count is-failed" title="This trace's logs couldn't be loaded">
                !
              </span>
            ) : (
              <span className="trace-tab-count">{logs.toLocaleString("en-US")}</span>
            ))}
        </button>
      ))}
    </div>
  );
}
