// A script that does its work and ends on its own (no server, no signal): whatever it recorded
// must still be exported, by the beforeExit flush. FIXTURE_EXIT_CODE, when set, becomes
// process.exitCode (the exit code the process must still end with).
import { trace } from "@opentelemetry/api";

trace.getTracer("fixture").startActiveSpan("batch job", (span) => {
  span.setAttribute("job.items", 3);
  span.end();
});
if (process.env.FIXTURE_EXIT_CODE) process.exitCode = Number(process.env.FIXTURE_EXIT_CODE);
console.log("DONE");
