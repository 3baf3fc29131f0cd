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

/** The tab bar; the Logs tab shows how many logs the trace has (or that they failed to load). */
export function TraceTabs({ tab, onTab, logCount }: { tab: TraceTab; onTab: (tab: TraceTab) => void; logCount: number | undefined }) {
  return (
    <div className="trace-tabs" role="tablist" aria-label="Trace views">
      {TRACE_TABS.map(({ id, label }) => (
        <button
          key={id}
          type="button"
          role="tab"
          className={`trace-tab${id === tab ? " is-active" : ""}`}
          aria-selected={id === tab}
          data-testid={`trace-tab-${id}`}
          onClick={() => onTab(id)}
        >
          {label}
          {id === "logs" && logCount !== undefined && <span className="trace-tab-count">{logCount.toLocaleString("en-US")}</span>}
        </button>
      ))}
    </div>
  );
}
