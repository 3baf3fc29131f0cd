// Run with SKEIN_CONSOLE_JSON=1: console output becomes JSON lines, correlated inside a span.
import { trace } from "@opentelemetry/api";

console.log("before any span");
trace.getTracer("fixture").startActiveSpan("checkout", (span) => {
  console.log("order %s has %d items", "A1", 3);
  console.info({ step: "pay" });
  console.error("payment failed:", new TypeError("card declined"));
  span.end();
});
console.warn("after the span");
