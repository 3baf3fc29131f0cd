// A script that does its work and ends on its own (no server, no signal): whatever it recorded
// must still be exported, by the beforeExit flush.
import { trace } from "@opentelemetry/api";

trace.getTracer("fixture").startActiveSpan("batch job", (span) => {
  span.setAttribute("job.items", 3);
  span.end();
});
console.log("DONE");
