// Ends a "cleanup" span in its own beforeExit listener: the app's last record, made after the
// preload's beforeExit listener ran.
import { trace } from "@opentelemetry/api";

process.on("beforeExit", () => trace.getTracer("fixture").startSpan("cleanup").end());
console.log("DONE");
