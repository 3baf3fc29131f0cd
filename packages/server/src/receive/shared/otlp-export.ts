import { OtlpDecodeError, type Rejection } from "@skein/model";
import type { ReceiverDeps } from "../receiver-options.js";
import type { RejectReason } from "../receiver-telemetry.js";
import type { Decoded, OtlpSignal } from "./otlp-signals.js";

/** Who is exporting: the receiver's component name, its deps, and the client's liveness. */
export interface ExportContext {
  receiver: string;
  deps: ReceiverDeps;
  /** Aborts when the client went away; passed on to consume(). */
  abortSignal?: AbortSignal;
}

/** The request was acknowledged (2xx / OK); `rejected` > 0 means partial success. */
export interface ExportAccepted {
  ok: true;
  accepted: number;
  rejected: number;
  /** Empty when nothing was rejected. */
  errorMessage: string;
}

/** Nothing of the request was acknowledged; the client should retry after `retryAfterSeconds`. */
export interface ExportRefused {
  ok: false;
  reason: RefusalReason;
  retryAfterSeconds: number;
  message: string;
}

export type ExportOutcome = ExportAccepted | ExportRefused;

/** Why nothing of a decoded request was acknowledged; receivers map it to their protocol's status. */
export type RefusalReason = Extract<RejectReason, "overloaded" | "storage_backlogged" | "storage_error">;

/** The `code` of any error meaning "the pipeline is full, try later" (→ 429 / RESOURCE_EXHAUSTED). */
export const OVERLOADED_CODE = "SKEIN_ERR_OVERLOADED";
/**
 * The `code` of StorageBackloggedError: the engine is down or slow and the adapter's spool is
 * full (→ 503 / RESOURCE_EXHAUSTED, both with the error's retry delay).
 */
export const BACKLOGGED_CODE = "SKEIN_ERR_STORAGE_BACKLOGGED";
/** Retry delays when the failing error does not carry a numeric `retryAfterSeconds`. */
export const OVERLOADED_RETRY_SECONDS = 1;
export const STORAGE_ERROR_RETRY_SECONDS = 5;

/** The refusal an error from consume() stands for: its `code` decides, anything unknown is a storage error. */
function refusalOf(err: unknown): { reason: RefusalReason; fallbackRetrySeconds: number; what: string } {
  switch (codeOf(err)) {
    case OVERLOADED_CODE:
      return { reason: "overloaded", fallbackRetrySeconds: OVERLOADED_RETRY_SECONDS, what: "server overloaded, retry later" };
    case BACKLOGGED_CODE:
      return { reason: "storage_backlogged", fallbackRetrySeconds: STORAGE_ERROR_RETRY_SECONDS, what: "storage is backlogged, retry later" };
    default:
      return { reason: "storage_error", fallbackRetrySeconds: STORAGE_ERROR_RETRY_SECONDS, what: "" };
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The outcome of decoding: the decoded request, or the developer-facing reason it is malformed. */
export type DecodeResult<B> = { ok: true; decoded: Decoded<B> } | { ok: false; message: string };

/**
 * Decodes one request body. Never throws: a payload the decoder refuses is `{ ok: false }`. A
 * decoder failure other than OtlpDecodeError is a bug in the decoder, logged at error, but the
 * client still gets a 400 so one hostile payload cannot take the receiver down.
 */
export function decodeRequest<B>(
  signal: OtlpSignal<B>,
  encoding: "protobuf" | "json",
  body: Uint8Array,
  ctx: ExportContext,
): DecodeResult<B> {
  let text: string | undefined;
  if (encoding === "json") {
    try {
      text = utf8.decode(body);
    } catch {
      return { ok: false, message: `malformed OTLP json ${signal.name} payload: body is not valid UTF-8` };
    }
  }
  try {
    const decoded = text === undefined ? signal.decodeProto(body) : signal.decodeJson(text);
    return { ok: true, decoded };
  } catch (err) {
    if (!(err instanceof OtlpDecodeError)) {
      ctx.deps.logger.error({ err, receiver: ctx.receiver, signal: signal.name }, "OTLP decoder failed unexpectedly");
    }
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, message: `malformed OTLP ${encoding} ${signal.name} payload: ${message}` };
  }
}

/**
 * Hands the accepted items to the signal's consumer and reports item counts. Resolves with
 * `ok: true` only after consume() resolved (committed downstream); an empty batch is not handed on.
 * Never throws: a consumer failure becomes `ok: false` (overloaded when the error's `code` is
 * SKEIN_ERR_OVERLOADED, storage_backlogged for SKEIN_ERR_STORAGE_BACKLOGGED, otherwise
 * storage_error).
 */
export async function exportDecoded<B>(signal: OtlpSignal<B>, decoded: Decoded<B>, ctx: ExportContext): Promise<ExportOutcome> {
  const { telemetry } = ctx.deps;
  const accepted = signal.count(decoded.batch);
  const rejected = decoded.rejected.length;
  telemetry.itemsReceived(ctx.receiver, signal.name, accepted + rejected);
  if (rejected > 0) telemetry.itemsRejected(ctx.receiver, signal.name, "invalid_id", rejected);
  const errorMessage = rejected > 0 ? describeRejections(signal, decoded.rejected) : "";
  if (accepted > 0) {
    try {
      await signal.consumer(ctx.deps).consume(decoded.batch, ctx.abortSignal);
    } catch (err) {
      const { reason, fallbackRetrySeconds, what } = refusalOf(err);
      telemetry.itemsRejected(ctx.receiver, signal.name, reason, accepted);
      const cause = err instanceof Error ? err.message : String(err);
      const message = `${what || `could not store ${signal.itemNoun}, retry later`}: ${cause}`;
      return { ok: false, reason, retryAfterSeconds: retryAfterOf(err, fallbackRetrySeconds), message };
    }
    telemetry.itemsAccepted(ctx.receiver, signal.name, accepted);
  }
  return { ok: true, accepted, rejected, errorMessage };
}

/** Counts and logs (once, at warn) a refused request. `message` must not contain the body. */
export function reportRefused(ctx: ExportContext, signal: OtlpSignal<unknown>, reason: RejectReason, message: string): void {
  ctx.deps.telemetry.requestRejected(ctx.receiver, signal.name, reason);
  // Overload and backlog refusals come in floods exactly when the server is short of time (or
  // storage is down): the counter records them, the log only at debug.
  const level = reason === "overloaded" || reason === "storage_backlogged" ? "debug" : "warn";
  ctx.deps.logger[level]({ receiver: ctx.receiver, signal: signal.name, reason }, `refused OTLP export: ${message}`);
}

/** "2 spans rejected: invalid trace id (all zero); span id has 4 bytes" (at most 3 distinct reasons). */
export function describeRejections(signal: OtlpSignal<unknown>, rejected: readonly Rejection[]): string {
  const reasons = [...new Set(rejected.map((r) => r.reason))];
  const shown = reasons.slice(0, 3).join("; ");
  const more = reasons.length > 3 ? `; and ${reasons.length - 3} more reasons` : "";
  return `${rejected.length} ${signal.itemNoun} rejected: ${shown}${more}`;
}

function codeOf(err: unknown): unknown {
  return typeof err === "object" && err !== null && "code" in err ? err.code : undefined;
}

function retryAfterOf(err: unknown, fallback: number): number {
  if (typeof err === "object" && err !== null && "retryAfterSeconds" in err) {
    const value = err.retryAfterSeconds;
    if (typeof value === "number" && Number.isFinite(value) && value > 0) return Math.ceil(value);
  }
  return fallback;
}
