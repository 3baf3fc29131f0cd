import { Component, type ReactNode } from "react";
import { useLocation } from "react-router";
import { EmptyState } from "./empty-state.js";

export interface ErrorBoundaryProps {
  readonly children: ReactNode;
  /** When this changes, a crashed boundary tries its children again (e.g. the route's path). */
  readonly resetKey?: string;
}

interface ErrorBoundaryState {
  readonly error: unknown;
  readonly failed: boolean;
  readonly resetKey: string | undefined;
}

/**
 * Catches a render or effect error below it and shows "Something went wrong" (testid `ui-crash`)
 * with the error's message and a Reload button in its place, instead of React unmounting the whole
 * app to a blank page. React still reports the error (console.error), so browser tests see it.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: undefined, failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<ErrorBoundaryState> {
    return { error, failed: true };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: ErrorBoundaryState): Partial<ErrorBoundaryState> | null {
    if (props.resetKey === state.resetKey) return null;
    return { error: undefined, failed: false, resetKey: props.resetKey };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <CrashNotice error={this.state.error} />;
  }
}

/** An ErrorBoundary for the routes: navigating to another page (path) gives it a fresh try. */
export function PageErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return <ErrorBoundary resetKey={pathname}>{children}</ErrorBoundary>;
}

/** The message of whatever was thrown (anything can be), as plain text. */
export function crashMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

function CrashNotice({ error }: { error: unknown }) {
  return (
    <EmptyState title="Something went wrong showing this page" testId="ui-crash">
      <p>The page hit an unexpected error and stopped. Reloading usually helps; your place is kept in the URL.</p>
      <pre className="code-block">{crashMessage(error)}</pre>
      <button type="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </EmptyState>
  );
}
