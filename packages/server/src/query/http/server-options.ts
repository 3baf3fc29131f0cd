import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { ApiErrorResponse, SkeinError } from "@skein/model";
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from "fastify";
import { BadRequestError, HeadersTooLargeError, RequestTimeoutError, UriTooLongError } from "../errors.js";
import { HTTP_STATUS_BY_CODE, sendError } from "./query-error-handler.js";

/** Longest path parameter the router takes (a service name, a trace id); longer → frameworkErrors. */
export const MAX_PATH_PARAM_LENGTH = 1024;

/**
 * Fastify server options the query API needs but a plugin cannot set: errors raised before
 * routing (bad URL encoding, an over-long path segment, an HTTP parse error or over-large
 * headers) answered in the API's coded `{"error":{code,message}}` form instead of Fastify's
 * default body. The composition root spreads these into `Fastify({...})`.
 */
export function queryApiServerOptions(): Pick<FastifyServerOptions, "frameworkErrors" | "clientErrorHandler" | "routerOptions"> {
  return {
    routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH },
    frameworkErrors: (error, request, reply) => {
      sendError(frameworkError(error), request as FastifyRequest, reply as FastifyReply);
    },
    clientErrorHandler: writeClientError,
  };
}

function frameworkError(error: FastifyError): SkeinError | FastifyError {
  if (error.code === "FST_ERR_BAD_URL") return new BadRequestError("the URL is not validly percent-encoded");
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") return new UriTooLongError(`a path segment is longer than ${MAX_PATH_PARAM_LENGTH} characters`);
  return error;
}

/**
 * Answers a connection-level HTTP error (Node's `clientError`) with a coded JSON body, then
 * closes the socket, as Fastify's default handler does. Nothing is written to a dead socket.
 */
export function writeClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const coded =
    error.code === "HPE_HEADER_OVERFLOW"
      ? new HeadersTooLargeError()
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? new RequestTimeoutError()
        : new BadRequestError("the HTTP request could not be parsed");
  const status = HTTP_STATUS_BY_CODE[coded.code] ?? 400;
  const body: ApiErrorResponse = { error: { code: coded.code, message: coded.message } };
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
