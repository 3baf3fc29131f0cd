// An HTTP server whose own SIGTERM handler closes it and lets the event loop drain (no
// process.exit): how long the process then lives is up to whatever else holds the loop.
// GET / answers "ok"; prints `READY <port>`.
import http from "node:http";

const server = http.createServer((req, res) => res.end("ok"));
server.listen(0, "127.0.0.1", () => console.log(`READY ${server.address().port}`));
process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
});
