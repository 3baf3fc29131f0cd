import { ApiCallError } from "../api/api-error.js";
import { EmptyState } from "./empty-state.js";

/** Renders a failed API call: unreachable server, an API error (with its code), or a version mismatch. */
export function ApiErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const retry = onRetry && (
    <button type="button" onClick={onRetry}>
      Retry
    </button>
  );
  if (error instanceof ApiCallError && error.kind === "unreachable") {
    return (
      <EmptyState title="Can't reach the Skein server" testId="unreachable">
        <p>{error.message}</p>
        {retry}
      </EmptyState>
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiCallError ? error.code : undefined;
  return (
    <EmptyState title="The request failed" testId="api-error">
      <p>
        {message}
        {code && <code className="error-code"> ({code})</code>}
      </p>
      {retry}
    </EmptyState>
  );
}
