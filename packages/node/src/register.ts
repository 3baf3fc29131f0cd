// `node --import @skein/node/register app.js`: start() from the environment before the app's
// first module loads. Also works as `import "@skein/node/register"` / `require(...)` on an app's
// first line, with limits for ES modules (see README, "ESM and CommonJS"). It adds what a
// preload needs beyond start(): flushing on SIGTERM/SIGINT and when the event loop runs dry.
import { installExitFlush } from "./lifecycle/exit-flush.js";
import { activeNode, isStarted, start } from "./start.js";

if (!isStarted()) {
  start();
  const node = activeNode();
  if (node !== undefined) installExitFlush(node);
}
