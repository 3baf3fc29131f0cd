// ES module app that imports the register module first and loads the rest of the app with a
// dynamic import(), which runs after the register module: the supported in-code form for ESM.
import "@skein/node/register";
await import("./esm-express-pino.mjs");
