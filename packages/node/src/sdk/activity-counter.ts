import type { Context } from "@opentelemetry/api";
import type { LogRecordProcessor, SdkLogRecord } from "@opentelemetry/sdk-logs";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";

/**
 * Counts ended spans and emitted log records, so a flush at process exit can tell whether
 * anything new arrived since the previous flush (a `beforeExit` flush that found nothing new
 * must not start another export, or `beforeExit` would fire forever).
 */
export class ActivityCounter implements SpanProcessor, LogRecordProcessor {
  count = 0;

  onStart(_span: Span, _parentContext: Context): void {}
  onEnd(_span: ReadableSpan): void {
    this.count++;
  }
  onEmit(_logRecord: SdkLogRecord, _context?: Context): void {
    this.count++;
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
