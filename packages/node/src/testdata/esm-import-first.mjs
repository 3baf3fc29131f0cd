// ESM app whose FIRST line imports the register module instead of using `node --import`.
// Same routes as esm-express-pino.mjs.
import "@skein/node/register";
import express from "express";
import http from "node:http";
import pino from "pino";

const logger = pino();
const app = express();
app.get("/work", (req, res) => {
  logger.info({ step: "work" }, "working on it");
  res.json({ ok: true });
});
const server = http.createServer(app);
server.listen(0, "127.0.0.1", () => {
  logger.info("outside any request");
  console.log(`READY ${server.address().port}`);
});
