import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from "@opentelemetry/core";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";

/**
 * A real OTel SDK registered globally, as `start()` would: AsyncLocalStorage context, W3C trace
 * context + baggage propagation, and a provider whose spans land in memory as they end. Globals
 * can be registered once per process, so a test file calls this once and `reset()`s per test.
 */
export interface InMemoryOtel {
  exporter: InMemorySpanExporter;
  /** Every ended span, in end order. */
  spans(): ReadableSpan[];
  /** The one ended span with this name; fails the test with the names seen otherwise. */
  span(name: string): ReadableSpan;
  reset(): void;
}

let installed: InMemoryOtel | undefined;

export function installInMemoryOtel(): InMemoryOtel {
  if (installed) return installed;
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  trace.setGlobalTracerProvider(provider);
  installed = {
    exporter,
    spans: () => exporter.getFinishedSpans(),
    span(name) {
      const found = exporter.getFinishedSpans().filter((s) => s.name === name);
      if (found.length !== 1) {
        const names = exporter.getFinishedSpans().map((s) => s.name);
        throw new Error(`expected one ended span "${name}", got ${found.length} among ${JSON.stringify(names)}`);
      }
      return found[0]!;
    },
    reset: () => exporter.reset(),
  };
  return installed;
}
