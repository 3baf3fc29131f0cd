// CommonJS app that requires the register module on its first line (no node flag), then runs
// the same app as cjs-express-winston.cjs. Needs require(esm): Node ≥ 20.19.
require("@skein/node/register");
require("./cjs-express-winston.cjs");
