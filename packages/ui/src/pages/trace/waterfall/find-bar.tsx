export interface FindBarProps {
  readonly query: string;
  readonly onQueryChange: (query: string) => void;
  /** 1-based position of the selected span among the matches, 0 when it is not a match. */
  readonly position: number;
  readonly total: number;
  /** Moves the selection to the next (1) or previous (-1) match. */
  readonly onStep: (direction: 1 | -1) => void;
  /** Called when the box gets focus: a chance to prepare the search before the first keystroke. */
  readonly onFocus?: () => void;
}

/** The find-in-trace box: Enter → next match, Shift+Enter → previous, Escape clears. */
export function FindBar({ query, onQueryChange, position, total, onStep, onFocus }: FindBarProps) {
  const active = query.trim() !== "";
  return (
    <div className="find-bar" role="search">
      <input
        type="search"
        className="find-input"
        data-testid="trace-find"
        placeholder="Find spans: name, service, id, attribute…"
        aria-label="Find in trace"
        value={query}
        onFocus={onFocus}
        onChange={(event) => onQueryChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            onStep(event.shiftKey ? -1 : 1);
          } else if (event.key === "Escape") {
            onQueryChange("");
          }
        }}
      />
      {active && (
        <>
          <span className={`find-count${total === 0 ? " is-empty" : ""}`} data-testid="find-count" aria-live="polite">
            {position} of {total}
          </span>
          <button type="button" className="find-step" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={total === 0} onClick={() => onStep(-1)}>
            ↑
          </button>
          <button type="button" className="find-step" aria-label="Next match" title="Next match (Enter)" disabled={total === 0} onClick={() => onStep(1)}>
            ↓
          </button>
        </>
      )}
    </div>
  );
}
