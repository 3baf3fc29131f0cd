/** OTLP severity number (1–24) → its level name; 0 or out of range → "UNSPECIFIED". */
export function severityLevel(severityNumber: number): "TRACE" | "DEBUG" | "INFO" | "WARN" | "ERROR" | "FATAL" | "UNSPECIFIED" {
  if (severityNumber >= 21 && severityNumber <= 24) return "FATAL";
  if (severityNumber >= 17) return "ERROR";
  if (severityNumber >= 13) return "WARN";
  if (severityNumber >= 9) return "INFO";
  if (severityNumber >= 5) return "DEBUG";
  if (severityNumber >= 1) return "TRACE";
  return "UNSPECIFIED";
}

/** What a log row shows as its level: the record's own text when it has one, else the level name. */
export function severityLabel(log: { severityNumber: number; severityText: string }): string {
  return log.severityText !== "" ? log.severityText : severityLevel(log.severityNumber);
}
