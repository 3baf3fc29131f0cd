export { createAlerting, systemAlertClock, type AlertClock, type Alerting, type AlertingOptions } from "./alerting.js";
export type { AlertLogger, AlertTelemetry } from "./alert-telemetry.js";
