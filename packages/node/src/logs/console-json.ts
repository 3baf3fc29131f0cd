import type { SpanContext } from "@opentelemetry/api";
import { format } from "node:util";

export type ConsoleLevel = "debug" | "info" | "warn" | "error";

/** A console call's arguments, split into the message and the first Error among them. */
export interface ConsoleMessage {
  /** As util.format would print the arguments, except that an Error shows as `Name: message`. */
  msg: string;
  /** The first Error argument; its stack goes to the `err` field instead of into `msg`. */
  error: Error | undefined;
}

/** `console.log("a %d", 1, err)` → { msg: "a 1 Error: boom", error: err }. */
export function consoleMessage(args: readonly unknown[]): ConsoleMessage {
  // Fast path for the common single-string call: no formatting, no allocation.
  if (args.length === 1 && typeof args[0] === "string") return { msg: args[0], error: undefined };
  let error: Error | undefined;
  let formatArgs = args;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg instanceof Error) {
      if (formatArgs === args) formatArgs = args.slice();
      error ??= arg;
      (formatArgs as unknown[])[i] = `${arg.name}: ${arg.message}`;
    }
  }
  return { msg: format(...formatArgs), error };
}

const TRACE_FLAGS = ["00", "01"];

/**
 * One JSON line (with the trailing newline):
 * `{"time":"…Z","level":"info","msg":"…","trace_id":"…","span_id":"…","trace_flags":"01","err":{…}}`.
 * The id fields are present only when `span` is given; `err` only with an Error. Keys match the
 * pino correlation keys, so both kinds of lines read the same.
 */
export function consoleJsonLine(
  timeMs: number,
  level: ConsoleLevel,
  message: ConsoleMessage,
  span: SpanContext | undefined,
): string {
  let line = `{"time":"${new Date(timeMs).toISOString()}","level":"${level}","msg":${JSON.stringify(message.msg)}`;
  if (span !== undefined) {
    const flags = TRACE_FLAGS[span.traceFlags] ?? span.traceFlags.toString(16).padStart(2, "0");
    line += `,"trace_id":"${span.traceId}","span_id":"${span.spanId}","trace_flags":"${flags}"`;
  }
  if (message.error !== undefined) line += `,"err":${errorJson(message.error)}`;
  return line + "}\n";
}

function errorJson(error: Error): string {
  return JSON.stringify({ type: error.name, message: error.message, stack: error.stack ?? "" });
}
