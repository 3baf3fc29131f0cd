import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type HrTime, type Link, type Span } from "@opentelemetry/api";
import type { AnyValueMap } from "@opentelemetry/api-logs";
import { createLoggingPipeline, createTracingPipeline, type LoggingPipeline, type OtlpProtocol, type TracingPipeline } from "./otel-clients.js";
import type { SkeinEndpoints } from "./skein-process.js";

/** A value that is markup if anything renders it as HTML; the UI must show it as text. */
export const XSS_VALUE = "<img src=x onerror=alert(1)>";
export const ERROR_LOG_BODY = "card declined for order 1234";
export const PAYMENT_ERROR_MESSAGE = "card declined";
export const XSS_LOG_BODY = `order note from customer: ${XSS_VALUE}`;
export const UI_SERVICES = ["frontend", "checkout", "payment", "inventory"] as const;

/** The ids a UI test navigates by. Times are unix ms. */
export interface UiSeed {
  /** The failed checkout: frontend → checkout → payment (error) and checkout → inventory → db. */
  failedTraceId: string;
  rootSpanId: string;
  checkoutSpanId: string;
  paymentSpanId: string;
  dbSpanId: string;
  /** Successful traces (newest first by start) over the last hour, durations from ~40 ms to ~1.2 s. */
  okTraceIds: string[];
  /** The trace the checkout span links to (one of okTraceIds). */
  linkedTraceId: string;
  /** Start of the failed trace. */
  failedStartMs: number;
}

const SUCCESS_DURATIONS_MS = [42, 95, 160, 240, 380, 610, 1_180, 70, 130, 310, 520, 880];
const ROUTES = ["POST /api/checkout", "GET /api/cart", "GET /api/products"];

/** Unix ms → the SDK's [seconds, nanos]; sub-ms parts keep spans distinct. */
function hr(ms: number): HrTime {
  const whole = Math.floor(ms);
  return [Math.floor(whole / 1000), (whole % 1000) * 1_000_000 + Math.round((ms - whole) * 1_000_000)];
}

interface Pipelines {
  traces: Record<(typeof UI_SERVICES)[number], TracingPipeline>;
  logs: Record<(typeof UI_SERVICES)[number], LoggingPipeline>;
}

function openPipelines(protocol: OtlpProtocol, endpoints: SkeinEndpoints): Pipelines {
  const resource = (service: string) => ({ "service.name": service, "service.version": "1.4.2", "deployment.environment.name": "staging", "host.name": `${service}-7f9c` });
  const traces = {} as Pipelines["traces"];
  const logs = {} as Pipelines["logs"];
  for (const service of UI_SERVICES) {
    traces[service] = createTracingPipeline(protocol, endpoints, resource(service));
    logs[service] = createLoggingPipeline(protocol, endpoints, resource(service));
  }
  return { traces, logs };
}

/** Starts spans with explicit times under explicit parents (no global context manager needed). */
function spanFactory(pipelines: Pipelines) {
  return (
    service: (typeof UI_SERVICES)[number],
    name: string,
    kind: SpanKind,
    parent: Span | null,
    startMs: number,
    attributes: Attributes = {},
    links: Link[] = [],
  ): Span => {
    const ctx = parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT;
    return pipelines.traces[service].tracer(`@shop/${service}`, "1.4.2").startSpan(name, { kind, startTime: hr(startMs), attributes, links, root: parent === null }, ctx);
  };
}

/**
 * Loads the UI journey's data into a running server through the real OpenTelemetry JS SDK
 * (tracer and logger providers per service, OTLP exporters), and resolves once every export was
 * acknowledged. The successful traces come first so the failed one can link to one of them.
 */
export async function seedUiData(endpoints: SkeinEndpoints, protocol: OtlpProtocol = "http/json"): Promise<UiSeed> {
  const pipelines = openPipelines(protocol, endpoints);
  const start = spanFactory(pipelines);
  const now = Date.now();

  const okRoots: Span[] = [];
  SUCCESS_DURATIONS_MS.forEach((duration, i) => {
    const t = now - 50 * 60_000 + i * 4 * 60_000;
    const route = ROUTES[i % ROUTES.length]!;
    const root = start("frontend", route, SpanKind.SERVER, null, t, { "http.request.method": route.split(" ")[0]!, "http.route": route.split(" ")[1]!, "http.response.status_code": 200 });
    const call = start("frontend", "inventory.List", SpanKind.CLIENT, root, t + duration * 0.1, { "rpc.system": "grpc", "rpc.service": "inventory" });
    const server = start("inventory", "inventory.List", SpanKind.SERVER, call, t + duration * 0.12, { "rpc.system": "grpc" });
    const db = start("inventory", "SELECT shop.products", SpanKind.CLIENT, server, t + duration * 0.2, { "db.system.name": "postgresql", "db.query.text": "SELECT id, sku, stock FROM products WHERE sku = ANY($1)" });
    db.end(hr(t + duration * 0.75));
    server.end(hr(t + duration * 0.8));
    call.end(hr(t + duration * 0.82));
    root.setStatus({ code: SpanStatusCode.OK });
    root.end(hr(t + duration));
    okRoots.unshift(root);
  });
  const okTraceIds = okRoots.map((s) => s.spanContext().traceId);
  const linkedTraceId = okTraceIds[0]!;

  const t = now - 2 * 60_000;
  const root = start("frontend", "POST /api/checkout", SpanKind.SERVER, null, t, {
    "http.request.method": "POST", "http.route": "/api/checkout", "http.response.status_code": 502, "user.id": "u-8841", "order.id": "1234",
  });
  const rpc = start("frontend", "checkout.PlaceOrder", SpanKind.CLIENT, root, t + 8, { "rpc.system": "grpc", "rpc.service": "checkout", "rpc.method": "PlaceOrder" });
  const linkContext = { traceId: linkedTraceId, spanId: okRoots[0]!.spanContext().spanId, traceFlags: 1 };
  const checkout = start("checkout", "checkout.PlaceOrder", SpanKind.SERVER, rpc, t + 12, { "rpc.system": "grpc", "order.id": "1234", "order.note": XSS_VALUE }, [
    { context: linkContext, attributes: { "link.reason": "cart previously loaded" } },
  ]);
  const reserveCall = start("checkout", "inventory.Reserve", SpanKind.CLIENT, checkout, t + 20, { "rpc.system": "grpc" });
  const reserve = start("inventory", "inventory.Reserve", SpanKind.SERVER, reserveCall, t + 23, { "rpc.system": "grpc", "inventory.items": 3 });
  const db = start("inventory", "UPDATE shop.stock", SpanKind.CLIENT, reserve, t + 30, {
    "db.system.name": "postgresql", "db.namespace": "shop", "db.operation.name": "UPDATE", "db.query.text": "UPDATE stock SET reserved = reserved + $1 WHERE sku = $2", "server.address": "pg-primary",
  });
  db.end(hr(t + 96));
  reserve.end(hr(t + 110));
  reserveCall.end(hr(t + 114));
  const chargeCall = start("checkout", "POST /charge", SpanKind.CLIENT, checkout, t + 125, { "http.request.method": "POST", "url.full": "http://payment:8080/charge", "http.response.status_code": 402 });
  const payment = start("payment", "POST /charge", SpanKind.SERVER, chargeCall, t + 131, {
    "http.request.method": "POST", "http.route": "/charge", "http.response.status_code": 402, "payment.provider": "stripe", "payment.amount": 129.9, "payment.note": XSS_VALUE,
  });
  const fraud = start("payment", "score fraud risk", SpanKind.INTERNAL, payment, t + 140, { "fraud.score": 0.12 });
  fraud.end(hr(t + 188));
  const paymentCtx = trace.setSpan(ROOT_CONTEXT, payment);
  const checkoutCtx = trace.setSpan(ROOT_CONTEXT, checkout);
  const paymentLogger = pipelines.logs.payment.logger("@shop/payment", "1.4.2");
  paymentLogger.emit({ timestamp: hr(t + 200), severityNumber: 9, severityText: "INFO", body: "charging card ending 4242 for order 1234", attributes: { "order.id": "1234" }, context: paymentCtx });
  paymentLogger.emit({
    timestamp: hr(t + 402), severityNumber: 17, severityText: "ERROR", body: ERROR_LOG_BODY,
    attributes: { "order.id": "1234", "decline.code": "insufficient_funds" } as AnyValueMap, context: paymentCtx,
  });
  pipelines.logs.checkout.logger("@shop/checkout").emit({ timestamp: hr(t + 16), severityNumber: 9, severityText: "INFO", body: XSS_LOG_BODY, attributes: { "order.id": "1234" }, context: checkoutCtx });
  payment.addEvent("exception", {
    "exception.type": "CardDeclinedError",
    "exception.message": PAYMENT_ERROR_MESSAGE,
    "exception.stacktrace": [
      "CardDeclinedError: card declined",
      "    at StripeClient.charge (/app/src/payment/stripe-client.js:88:13)",
      "    at async ChargeHandler.handle (/app/src/payment/charge-handler.js:41:20)",
      "    at async Server.<anonymous> (/app/src/payment/server.js:27:5)",
    ].join("\n"),
  }, hr(t + 401));
  payment.setStatus({ code: SpanStatusCode.ERROR, message: PAYMENT_ERROR_MESSAGE });
  payment.end(hr(t + 410));
  chargeCall.setStatus({ code: SpanStatusCode.ERROR, message: "HTTP 402" });
  chargeCall.end(hr(t + 414));
  checkout.setStatus({ code: SpanStatusCode.ERROR, message: "payment failed" });
  checkout.end(hr(t + 420));
  rpc.end(hr(t + 424));
  root.setStatus({ code: SpanStatusCode.ERROR, message: "checkout failed" });
  root.end(hr(t + 430));

  // Logs with no trace: service lifecycle noise a logs search must also find.
  pipelines.logs.frontend.logger("@shop/frontend").emit({ timestamp: hr(now - 30 * 60_000), severityNumber: 9, severityText: "INFO", body: "frontend listening on :8080" });
  pipelines.logs.inventory.logger("@shop/inventory").emit({ timestamp: hr(now - 25 * 60_000), severityNumber: 5, severityText: "DEBUG", body: "stock cache warmed: 1520 items" });
  pipelines.logs.payment.logger("@shop/payment").emit({ timestamp: hr(now - 5 * 60_000), severityNumber: 13, severityText: "WARN", body: "card network latency above 300ms, retrying" });

  const all = [...Object.values(pipelines.traces), ...Object.values(pipelines.logs)];
  await Promise.all(all.map((p) => p.flush()));
  await Promise.all(all.map((p) => p.shutdown()));
  return {
    failedTraceId: root.spanContext().traceId,
    rootSpanId: root.spanContext().spanId,
    checkoutSpanId: checkout.spanContext().spanId,
    paymentSpanId: payment.spanContext().spanId,
    dbSpanId: db.spanContext().spanId,
    okTraceIds,
    linkedTraceId,
    failedStartMs: t,
  };
}
