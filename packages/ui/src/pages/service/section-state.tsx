import type { ReactNode } from "react";
import type { ApiState } from "../../api/use-api.js";

/**
 * One section of the service page with its own API call: a heading, then a loading line, the
 * error (with Retry) or `children(data)`. A failed section leaves the rest of the page usable.
 */
export function Section<T>(props: { title: string; aside?: ReactNode; state: ApiState<T>; onRetry: () => void; testId: string; children: (data: T) => ReactNode }) {
  const { state } = props;
  return (
    <section className="service-section" data-testid={props.testId} aria-label={props.title}>
      <div className="service-section-head">
        <h2>{props.title}</h2>
        {props.aside}
      </div>
      {state.status === "loading" && (
        <p className="muted service-section-note" role="status">
          Loading…
        </p>
      )}
      {state.status === "error" && (
        <p className="error-text service-section-note" role="alert" data-testid="section-error">
          {state.error instanceof Error ? state.error.message : String(state.error)}{" "}
          <button type="button" onClick={props.onRetry}>
            Retry
          </button>
        </p>
      )}
      {state.status === "ok" && props.children(state.data)}
    </section>
  );
}
