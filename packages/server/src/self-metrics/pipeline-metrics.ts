import { Gauge, type Registry } from "prom-client";
import { METRIC_PREFIX } from "./metrics-registry.js";

/**
 * skein_pipeline_rows_in_flight: rows (spans + log records) handed to storage and not yet
 * committed, read from `read` at scrape time (StorageWriterConsumer.rowsInFlight).
 */
export function registerRowsInFlightGauge(registry: Registry, read: () => number): void {
  new Gauge({
    name: `${METRIC_PREFIX}pipeline_rows_in_flight`,
    help: "Spans and log records waiting for their storage commit; new batches are refused with 429 at the bound.",
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}
