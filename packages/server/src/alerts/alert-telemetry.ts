/** What alerting reports about itself (self-metrics implement it; tests record it). */
export interface AlertTelemetry {
  /** One evaluation pass over every enabled rule ended; `failedRules` could not be measured. */
  passFinished(seconds: number, rules: number, failedRules: number): void;
  /** A notification's delivery ended (either outcome). */
  notificationFinished(state: "firing" | "resolved", delivered: boolean): void;
  /** Rules currently firing. */
  firing(count: number): void;
}

/** Where alerting logs; pino's Logger fits. */
export interface AlertLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
