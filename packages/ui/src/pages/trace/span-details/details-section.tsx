import { useState, type ReactNode } from "react";

/**
 * A titled, collapsible part of the span details panel. The wrapper (with `testId`) is always in
 * the DOM; collapsing only hides the body, so tests and links can still find the section.
 */
export function DetailsSection(props: { title: string; count?: number; testId?: string; defaultOpen?: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(props.defaultOpen ?? true);
  return (
    <section className="span-section" data-testid={props.testId}>
      <h3 className="span-section-title">
        <button type="button" className="span-section-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <span className="span-section-caret" aria-hidden="true">{open ? "▾" : "▸"}</span>
          {props.title}
          {props.count !== undefined && <span className="span-section-count">{props.count}</span>}
        </button>
      </h3>
      {open && <div className="span-section-body">{props.children}</div>}
    </section>
  );
}
