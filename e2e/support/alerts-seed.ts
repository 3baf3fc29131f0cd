import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { createLoggingPipeline, createTracingPipeline } from "./otel-clients.js";
import type { SkeinEndpoints } from "./skein-process.js";

/** A local HTTP server that records every webhook POST's JSON body and answers 200. */
export interface WebhookReceiver {
  readonly url: string;
  readonly bodies: unknown[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(path = "/hooks/skein"): Promise<WebhookReceiver> {
  const bodies: unknown[] = [];
  const server: Server = createServer((request, response) => {
    let text = "";
    request.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    request.on("end", () => {
      try {
        bodies.push(JSON.parse(text));
      } catch {
        bodies.push(text);
      }
      response.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    bodies,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export const ALERTS_SERVICE = "ui-alerts-checkout";
export const ALERTS_OPERATION = "POST /checkout";
export const ALERTS_ERROR_LOG = "payment declined for order";

/**
 * `ok` + `failed` server spans of ALERTS_SERVICE / ALERTS_OPERATION through the real OTel SDK
 * (OTLP/HTTP protobuf), each failed one with status ERROR and a correlated ERROR log
 * `"payment declined for order {i}"`. Resolves once every export was acknowledged; returns the
 * failed traces' ids.
 */
export async function sendAlertTraffic(endpoints: SkeinEndpoints, ok: number, failed: number): Promise<string[]> {
  const tracing = createTracingPipeline("http/protobuf", endpoints, { "service.name": ALERTS_SERVICE });
  const logging = createLoggingPipeline("http/protobuf", endpoints, { "service.name": ALERTS_SERVICE });
  const tracer = tracing.tracer("ui-alerts");
  const logger = logging.logger("ui-alerts");
  const failedTraceIds: string[] = [];
  for (let i = 0; i < ok + failed; i++) {
    const span = tracer.startSpan(ALERTS_OPERATION, { kind: SpanKind.SERVER, attributes: { "http.request.method": "POST" } }, ROOT_CONTEXT);
    if (i < failed) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: "payment declined" });
      logger.emit({ severityNumber: SeverityNumber.ERROR, severityText: "ERROR", body: `${ALERTS_ERROR_LOG} ${i}`, context: trace.setSpan(ROOT_CONTEXT, span) });
      failedTraceIds.push(span.spanContext().traceId);
    }
    span.end();
  }
  await tracing.flush();
  if (failed > 0) await logging.flush();
  await tracing.shutdown();
  await logging.shutdown();
  return failedTraceIds;
}
