import { diag, DiagLogLevel, type DiagLogger } from "@opentelemetry/api";
import { format } from "node:util";

/**
 * Prints one of Skein's own warnings (`[skein] …`) to stderr. Written to the stream, not through
 * console, so with consoleJson on they stay plain text and never feed the log pipeline they
 * may be about.
 */
export function reportWarning(message: string): void {
  process.stderr.write(`[skein] ${message}\n`);
}

const MAX_REMEMBERED = 256;

/**
 * Passes the OTel SDK's warnings and errors (invalid settings, instrumentation problems) to
 * stderr, each distinct message once: an error repeated per batch or per request is printed
 * the first time only. After MAX_REMEMBERED distinct messages it stops printing.
 */
export class OncePerMessageDiagLogger implements DiagLogger {
  private readonly seen = new Set<string>();

  error(message: string, ...args: unknown[]): void {
    this.print(message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.print(message, args);
  }
  info(): void {}
  debug(): void {}
  verbose(): void {}

  private print(message: string, args: unknown[]): void {
    const text = args.length > 0 ? format(message, ...args) : message;
    if (this.seen.has(text) || this.seen.size >= MAX_REMEMBERED) return;
    this.seen.add(text);
    reportWarning(`opentelemetry: ${text}`);
  }
}

/**
 * Routes the OTel diag channel to stderr at WARN unless OTEL_LOG_LEVEL is set, in which case
 * the OTel SDK installs its own console logger at that level (for debugging the SDK itself).
 */
export function installDiagLogger(logLevelFromEnv: string | undefined): void {
  if (logLevelFromEnv) return;
  diag.setLogger(new OncePerMessageDiagLogger(), { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
}
