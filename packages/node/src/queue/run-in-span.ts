import { context, SpanStatusCode, trace, type Context, type Span, type Tracer } from "@opentelemetry/api";

/** Instrumentation scope of the spans the queue helpers start. */
export const QUEUE_TRACER_NAME = "@skein/node";

/** The tracer of the global provider (`start()` registers it; a no-op tracer before that). */
export function queueTracer(): Tracer {
  return trace.getTracer(QUEUE_TRACER_NAME);
}

/**
 * Runs `fn(span)` with `span` active in `parent` + span. When `fn` throws or rejects, the span
 * gets ERROR status, the exception event and `error.type`, and the error is rethrown unchanged.
 * The span is ended exactly once, after `fn` settles.
 */
export async function runInSpan<T>(span: Span, parent: Context, fn: (span: Span) => T | Promise<T>): Promise<T> {
  try {
    return await context.with(trace.setSpan(parent, span), fn, undefined, span);
  } catch (error) {
    recordFailure(span, error);
    throw error;
  } finally {
    span.end();
  }
}

function recordFailure(span: Span, error: unknown): void {
  if (error instanceof Error) {
    span.recordException(error);
    span.setAttribute("error.type", error.name || error.constructor.name);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    return;
  }
  const message = String(error);
  span.recordException(message);
  span.setAttribute("error.type", "_OTHER");
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}
