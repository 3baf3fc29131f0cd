// A preload with code configuration: `node --import ./telemetry-start.mjs app.mjs`.
import { start } from "@skein/node";

start({ serviceName: process.env.FIXTURE_SERVICE_NAME, resourceAttributes: { "fixture.configured.in": "code" } });
