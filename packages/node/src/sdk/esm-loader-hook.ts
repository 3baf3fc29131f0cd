import type { Instrumentation } from "@opentelemetry/instrumentation";
import { register } from "node:module";
import { reportWarning } from "../diag/skein-diag.js";

let registered = false;

/**
 * Registers the OTel ESM loader hook (import-in-the-middle, through
 * @opentelemetry/instrumentation's hook.mjs) so that modules loaded from now on by `import`,
 * including CommonJS packages such as express or pino imported from an ES module, reach the
 * instrumentations. Without it only `require()` is seen.
 *
 * The hook wraps only the modules the instrumentations patch: their names are passed as the
 * hook's `include` list when it is registered. module.register() returns after the hook's
 * initialize step, so the list is in place before the next module loads, and no top-level await
 * (or acknowledgement round-trip) is needed. Once per process; a failure is reported, never thrown.
 */
export function registerEsmLoaderHook(instrumentations: readonly Instrumentation[]): void {
  if (registered) return;
  registered = true;
  try {
    const include = [...new Set(instrumentations.flatMap(moduleNames))];
    register("@opentelemetry/instrumentation/hook.mjs", import.meta.url, { data: { include } });
  } catch (error) {
    reportWarning(`could not register the ESM loader hook (${String(error)}); libraries loaded through \`import\` will not be instrumented.`);
  }
}

/** Module names an instrumentation patches (InstrumentationBase has them; others contribute none). */
function moduleNames(instrumentation: Instrumentation): string[] {
  const withDefinitions = instrumentation as Instrumentation & { getModuleDefinitions?: () => Array<{ name: string }> };
  return typeof withDefinitions.getModuleDefinitions === "function" ? withDefinitions.getModuleDefinitions().map((d) => d.name) : [];
}
