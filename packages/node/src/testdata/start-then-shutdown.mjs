// start() in code, one span, then `await node.shutdown()` with SHUTDOWN_TIMEOUT_MS as its bound
// (unset: the default). Prints `SHUTDOWN <ms it took>`, then exits explicitly.
import { trace } from "@opentelemetry/api";
import { start } from "@skein/node";

const node = start({ serviceName: "start-then-shutdown" });
trace.getTracer("fixture").startSpan("work").end();
const timeoutMs = process.env.SHUTDOWN_TIMEOUT_MS ? Number(process.env.SHUTDOWN_TIMEOUT_MS) : undefined;
const started = Date.now();
await node.shutdown(timeoutMs === undefined ? undefined : { timeoutMs });
console.log(`SHUTDOWN ${Date.now() - started}`);
process.exit(0);
