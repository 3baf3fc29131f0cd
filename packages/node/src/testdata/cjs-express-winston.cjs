// CommonJS app, run as `node --import @skein/node/register cjs-express-winston.cjs`.
// GET /work logs through winston (JSON to stdout) inside the request; prints `READY <port>`.
const express = require("express");
const http = require("node:http");
const winston = require("winston");

const logger = winston.createLogger({ format: winston.format.json(), transports: [new winston.transports.Console()] });
const app = express();
app.get("/work", (req, res) => {
  logger.info("working on it", { step: "work" });
  res.json({ ok: true });
});
const server = http.createServer(app);
server.listen(0, "127.0.0.1", () => {
  logger.info("outside any request");
  console.log(`READY ${server.address().port}`);
});
