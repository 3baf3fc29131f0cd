import type { Storage } from "@skein/storage";
import type { NanoClock, QueryService } from "../query-service.js";

/** What the insight routes (metrics, service map, critical path, compare) are given. */
export interface InsightsRouteDeps {
  storage: Storage;
  /** "now" in ns since the epoch, for default time windows (tests pin it). */
  clock: NanoClock;
  /** Trace lookups and searches with the API's validation and errors. */
  queries: QueryService;
}
