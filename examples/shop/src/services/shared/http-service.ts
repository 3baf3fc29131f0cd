// Express plumbing shared by the HTTP services: JSON bodies, JSON errors, listening on a port
// (0 = any free one) and announcing readiness with one `{"msg":"listening","url":…}` log line.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";

export function createJsonApp(): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ limit: "64kb" }));
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  return app;
}

/** Last middleware: malformed JSON is the client's fault (400); anything else is logged and 500. */
export function jsonErrors(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const status = (error as { status?: unknown }).status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      res.status(status).json({ error: `bad request: ${(error as Error).message}` });
      return;
    }
    logger.error({ err: error }, "request failed");
    res.status(500).json({ error: "internal error" });
  };
}

export interface ListeningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function listen(app: Express, logger: Logger, host: string, port: number): Promise<ListeningServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const started = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(started)));
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  logger.info({ url }, "listening");
  return {
    server,
    url,
    // Node ≥ 19 closes idle keep-alive connections on close(); requests in flight finish first.
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
