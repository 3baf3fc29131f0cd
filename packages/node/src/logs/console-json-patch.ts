import { context, trace, type SpanContext } from "@opentelemetry/api";
import { SeverityNumber, type Logger } from "@opentelemetry/api-logs";
import { isTracingSuppressed } from "@opentelemetry/core";
import { consoleJsonLine, consoleMessage, type ConsoleLevel } from "./console-json.js";

type ConsoleMethod = "log" | "info" | "debug" | "warn" | "error";

const METHODS: ReadonlyArray<readonly [ConsoleMethod, ConsoleLevel, SeverityNumber, "stdout" | "stderr"]> = [
  ["log", "info", SeverityNumber.INFO, "stdout"],
  ["info", "info", SeverityNumber.INFO, "stdout"],
  ["debug", "debug", SeverityNumber.DEBUG, "stdout"],
  ["warn", "warn", SeverityNumber.WARN, "stderr"],
  ["error", "error", SeverityNumber.ERROR, "stderr"],
];

/**
 * Replaces console.log/info/debug (→ stdout) and console.warn/error (→ stderr) with writers of
 * one JSON line per call (see consoleJsonLine), and, when `logger` is given, also emits each
 * call as an OTLP log record in the active context, so it is correlated like a pino record.
 * Calls made while tracing is suppressed (the SDK's own export path) are printed, not exported,
 * so export trouble cannot feed on itself. Returns a function that restores the originals.
 */
export function installConsoleJson(logger: Logger | undefined): () => void {
  const originals = new Map<ConsoleMethod, (...args: unknown[]) => void>();
  for (const [method, level, severityNumber, streamName] of METHODS) {
    originals.set(method, console[method]);
    const stream = process[streamName];
    const severityText = level.toUpperCase();
    console[method] = (...args: unknown[]): void => {
      const message = consoleMessage(args);
      const active = context.active();
      const span = trace.getSpan(active)?.spanContext();
      stream.write(consoleJsonLine(Date.now(), level, message, validSpan(span)));
      if (logger !== undefined && !isTracingSuppressed(active)) {
        logger.emit({ severityNumber, severityText, body: message.msg, exception: message.error, context: active });
      }
    };
  }
  return () => {
    for (const [method, original] of originals) console[method] = original;
  };
}

function validSpan(span: SpanContext | undefined): SpanContext | undefined {
  return span !== undefined && trace.isSpanContextValid(span) ? span : undefined;
}
