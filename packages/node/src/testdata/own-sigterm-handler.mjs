// An app with its own SIGTERM handler: it must keep control of the exit (code 0 after its own
// 1 s cleanup) while @skein/node flushes in the background. Prints `READY 0` once a span ended.
import { trace } from "@opentelemetry/api";

trace.getTracer("fixture").startSpan("before sigterm").end();
process.on("SIGTERM", () => {
  console.log("APP HANDLER");
  setTimeout(() => process.exit(0), 1000);
});
setInterval(() => {}, 1000);
console.log("READY 0");
