import type { ApiLog, ApiTraceResponse } from "@skein/model/api";
import { apiLog, apiSpan, apiTrace, spanIdOf } from "../../../../testing/api-fixtures.js";

/**
 * A five-span, three-service trace for waterfall tests (offsets in ms):
 *
 *   1 frontend GET /checkout      0–100
 *   ├ 2 api     place-order      10–80   (2 logs)
 *   │ ├ 4 api   validate         12–20   (1 log)
 *   │ └ 5 api   charge (error)   30–70
 *   └ 3 db      SELECT orders    85–95
 */
export function smallTrace(): ApiTraceResponse {
  const ms = 1_000_000;
  return apiTrace([
    apiSpan({ spanId: spanIdOf(1), service: "frontend", name: "GET /checkout", startOffsetNs: 0, durationNs: 100 * ms }),
    apiSpan({ spanId: spanIdOf(2), parentSpanId: spanIdOf(1), service: "api", name: "place-order", startOffsetNs: 10 * ms, durationNs: 70 * ms, attributes: { "order.id": "A-77" } }),
    apiSpan({ spanId: spanIdOf(3), parentSpanId: spanIdOf(1), service: "db", name: "SELECT orders", startOffsetNs: 85 * ms, durationNs: 10 * ms }),
    apiSpan({ spanId: spanIdOf(4), parentSpanId: spanIdOf(2), service: "api", name: "validate", startOffsetNs: 12 * ms, durationNs: 8 * ms }),
    apiSpan({
      spanId: spanIdOf(5),
      parentSpanId: spanIdOf(2),
      service: "api",
      name: "charge",
      startOffsetNs: 30 * ms,
      durationNs: 40 * ms,
      status: { code: "error", message: "card declined" },
      attributes: { "payment.provider": "Stripe" },
    }),
  ]);
}

/** Logs of smallTrace, newest first as the API sends them. */
export function smallTraceLogs(): ApiLog[] {
  const ms = 1_000_000;
  return [
    apiLog({ spanId: spanIdOf(4), offsetNs: 15 * ms, body: "validating cart" }),
    apiLog({ spanId: spanIdOf(2), offsetNs: 75 * ms, body: "order placed" }),
    apiLog({ spanId: spanIdOf(2), offsetNs: 11 * ms, body: "placing order" }),
  ];
}
