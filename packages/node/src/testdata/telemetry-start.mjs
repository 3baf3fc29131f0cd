// A preload with code configuration: `node --import ./telemetry-start.mjs app.mjs`.
// FIXTURE_HEADER, when set, is sent as the code header `x-a` (to check it wins over env headers).
import { start } from "@skein/node";

start({
  serviceName: process.env.FIXTURE_SERVICE_NAME,
  resourceAttributes: { "fixture.configured.in": "code" },
  headers: process.env.FIXTURE_HEADER ? { "x-a": process.env.FIXTURE_HEADER } : undefined,
});
