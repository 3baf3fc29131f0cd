import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requestAbortSignal } from "../../http/request-abort-signal.js";
import type { ReceiverDeps } from "../receiver-options.js";
import { decodeRequest, exportDecoded, reportRefused, type ExportContext, type RefusalReason } from "../shared/otlp-export.js";
import { logsSignal, tracesSignal, type OtlpSignal } from "../shared/otlp-signals.js";
import { RpcCode } from "../shared/rpc-status.js";
import { readRequestBody } from "./otlp-http-body.js";
import { BodyBudget, bodyBudgetCapacity, bodyReservation } from "./otlp-http-body-budget.js";
import { ClientGoneError, MalformedBodyError, RequestTooLargeError, UnsupportedMediaTypeError } from "./otlp-http-errors.js";
import { negotiate, type Negotiated } from "./otlp-http-negotiation.js";
import { exportResponse, statusResponse, type OtlpHttpResponse } from "./otlp-http-response.js";

export interface OtlpRoutesOptions {
  receiver: string;
  deps: ReceiverDeps;
  maxRequestBytes: number;
  /** When CORS is on, @fastify/cors owns OPTIONS; otherwise OPTIONS is a 405 like other methods. */
  corsEnabled: boolean;
}

/** Per-request state from the onRequest hook to the handler. */
interface Pending {
  startedAt: bigint;
  negotiated: Negotiated;
}

/**
 * Registers `POST /v1/traces` and `POST /v1/logs` (OTLP/HTTP) plus 405 answers for other methods
 * on those paths. Takes over body parsing for the instance: bodies are read by readRequestBody()
 * with the size limits, never by Fastify.
 */
export function registerOtlpRoutes(app: FastifyInstance, options: OtlpRoutesOptions): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));
  const budget = new BodyBudget(bodyBudgetCapacity(options.maxRequestBytes));
  registerSignal(app, "/v1/traces", tracesSignal, options, budget);
  registerSignal(app, "/v1/logs", logsSignal, options, budget);
}

function registerSignal<B>(app: FastifyInstance, url: string, signal: OtlpSignal<B>, options: OtlpRoutesOptions, budget: BodyBudget): void {
  const pending = new WeakMap<FastifyRequest, Pending>();
  const ctx: ExportContext = { receiver: options.receiver, deps: options.deps };
  app.route({
    method: "POST",
    url,
    // Headers are judged before Fastify looks at the body, so every refusal gets an OTLP
    // Status body and is counted.
    onRequest: async (request, reply) => {
      const startedAt = process.hrtime.bigint();
      const judged = judgeHeaders(request, signal, options, ctx);
      if ("negotiated" in judged) {
        const reservation = bodyReservation(Number(request.headers["content-length"]), judged.negotiated.gzip, options.maxRequestBytes);
        if (budget.tryReserve(reservation)) {
          reply.raw.once("close", () => budget.release(reservation));
          pending.set(request, { startedAt, negotiated: judged.negotiated });
          return;
        }
        const message = `too many request bodies in flight (${budget.reservedBytes} of ${budget.capacityBytes} bytes reserved); retry later`;
        reportRefused(ctx, signal, "overloaded", message);
        observe(ctx, signal, startedAt, "error");
        await send(reply, closing(statusResponse(429, judged.negotiated.encoding, RpcCode.RESOURCE_EXHAUSTED, message, 1)));
        return reply;
      }
      observe(ctx, signal, startedAt, "error");
      await send(reply, judged.refusal);
      return reply;
    },
    handler: async (request, reply) => {
      const state = pending.get(request);
      if (state === undefined) throw new Error("onRequest did not run for an OTLP export request");
      const response = await handleExport(signal, request, reply, state.negotiated, { ...ctx, abortSignal: requestAbortSignal(reply) }, options);
      observe(ctx, signal, state.startedAt, response !== undefined && response.status === 200 ? "ok" : "error");
      if (response === undefined) return reply.hijack();
      await send(reply, response);
      return reply;
    },
  });
  const others = ["GET", "HEAD", "PUT", "DELETE", "PATCH", ...(options.corsEnabled ? [] : ["OPTIONS"])];
  app.route({
    method: others,
    url,
    handler: async (_request, reply) => {
      await send(reply, { ...statusResponse(405, "json", RpcCode.INVALID_ARGUMENT, `method not allowed; use POST ${url}`), headers: { allow: "POST" } });
      return reply;
    },
  });
}

/** How to read the body, or the 415 / 413 that the headers alone already decide. */
function judgeHeaders(
  request: FastifyRequest,
  signal: OtlpSignal<unknown>,
  options: OtlpRoutesOptions,
  ctx: ExportContext,
): { negotiated: Negotiated } | { refusal: OtlpHttpResponse } {
  let negotiated: Negotiated;
  try {
    negotiated = negotiate(request.headers);
  } catch (err) {
    if (!(err instanceof UnsupportedMediaTypeError)) throw err;
    reportRefused(ctx, signal, "unsupported_media_type", err.message);
    return { refusal: closing(statusResponse(415, undefined, RpcCode.INVALID_ARGUMENT, err.message)) };
  }
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > options.maxRequestBytes) {
    const message = `request body of ${declared} bytes exceeds the limit of ${options.maxRequestBytes} bytes`;
    reportRefused(ctx, signal, "too_large", message);
    return { refusal: closing(statusResponse(413, negotiated.encoding, RpcCode.INVALID_ARGUMENT, message)) };
  }
  return { negotiated };
}

/** Reads, decodes and hands on one export request. undefined: the client is gone, send nothing. */
async function handleExport<B>(
  signal: OtlpSignal<B>,
  request: FastifyRequest,
  reply: FastifyReply,
  negotiated: Negotiated,
  ctx: ExportContext,
  options: OtlpRoutesOptions,
): Promise<OtlpHttpResponse | undefined> {
  const { encoding } = negotiated;
  let body: Buffer;
  try {
    body = await readRequestBody(request.raw, { gzip: negotiated.gzip, limit: options.maxRequestBytes });
  } catch (err) {
    if (err instanceof RequestTooLargeError) {
      reportRefused(ctx, signal, "too_large", err.message);
      return closing(statusResponse(413, encoding, RpcCode.INVALID_ARGUMENT, err.message));
    }
    if (err instanceof MalformedBodyError) {
      reportRefused(ctx, signal, "malformed", err.message);
      return statusResponse(400, encoding, RpcCode.INVALID_ARGUMENT, err.message);
    }
    if (err instanceof ClientGoneError) {
      ctx.deps.logger.debug({ receiver: ctx.receiver, signal: signal.name }, err.message);
      reply.raw.destroy();
      return undefined;
    }
    throw err;
  }
  const decoded = decodeRequest(signal, encoding, body, ctx);
  if (!decoded.ok) {
    reportRefused(ctx, signal, "malformed", decoded.message);
    return statusResponse(400, encoding, RpcCode.INVALID_ARGUMENT, decoded.message);
  }
  const outcome = await exportDecoded(signal, decoded.decoded, ctx);
  if (!outcome.ok) {
    reportRefused(ctx, signal, outcome.reason, outcome.message);
    const [status, code] = REFUSAL_STATUS[outcome.reason];
    return statusResponse(status, encoding, code, outcome.message, outcome.retryAfterSeconds);
  }
  return exportResponse(signal, encoding, outcome.rejected, outcome.errorMessage);
}

/**
 * HTTP status and Status code of a refused export, each with Retry-After: the pipeline is full
 * (429), storage's spool is full (503, as OTLP asks for a server that cannot take data for a
 * while), storage failed (503).
 */
const REFUSAL_STATUS: Record<RefusalReason, [number, RpcCode]> = {
  overloaded: [429, RpcCode.RESOURCE_EXHAUSTED],
  storage_backlogged: [503, RpcCode.RESOURCE_EXHAUSTED],
  storage_error: [503, RpcCode.UNAVAILABLE],
};

/** The body was not (fully) read: close the connection instead of draining an unbounded upload. */
function closing(response: OtlpHttpResponse): OtlpHttpResponse {
  return { ...response, headers: { ...response.headers, connection: "close" } };
}

function observe(ctx: ExportContext, signal: OtlpSignal<unknown>, startedAt: bigint, outcome: "ok" | "error"): void {
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  ctx.deps.telemetry.requestDuration(ctx.receiver, signal.name, seconds, outcome);
}

async function send(reply: FastifyReply, response: OtlpHttpResponse): Promise<void> {
  const body = typeof response.body === "string" ? response.body : Buffer.from(response.body.buffer, response.body.byteOffset, response.body.byteLength);
  await reply.code(response.status).headers(response.headers).type(response.contentType).send(body);
}
