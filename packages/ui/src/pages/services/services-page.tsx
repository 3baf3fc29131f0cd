import type { ApiServicesMetricsResponse } from "@skein/model/api";
import { useMemo, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { api } from "../../api/api-client.js";
import { insightsApi } from "../../api/insights-api.js";
import { useApi } from "../../api/use-api.js";
import { ApiErrorState } from "../../components/api-error-state.js";
import { InsightsToolbar } from "../../components/charts/insights-toolbar.js";
import { writeTimeRange } from "../../format/time-range.js";
import { ServicesEmpty } from "./services-empty.js";
import { nextSort, readServiceSort, sortServices, writeServiceSort, type ServiceSortKey } from "./services-sort.js";
import { ServicesTable } from "./services-table.js";
import { useUrlTimeRange } from "./use-url-time-range.js";
import "./services-page.css";

interface ServicesAnswer {
  metrics: ApiServicesMetricsResponse;
  /** Whether Skein has any span at all (tells "no data yet" from "nothing in this range"). */
  anySpans: boolean;
}

/**
 * `/services`: every service with rollups in the range (URL `range` or `start`+`end`), with
 * request rate, error rate and p95, each with a sparkline; sortable (URL `sort`, `order`). A name
 * opens the service page with the same range. The page sends no `step`: the server picks the
 * sparkline windows (≈ 60, larger when services × windows would pass its 50,000-point bound, which
 * a step of the page's own would be refused for) and the sparklines draw whatever `stepMs` it answers.
 */
export function ServicesPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const { range, rangeKey, setRange, resolve } = useUrlTimeRange();
  const sort = useMemo(() => readServiceSort(new URLSearchParams(location.search)), [location.search]);
  const [attempt, setAttempt] = useState(0);
  const state = useApi<ServicesAnswer>(
    async (signal) => {
      const { startMs, endMs } = resolve();
      const metrics = await insightsApi.services({ start: String(startMs), end: String(endMs) }, signal);
      const anySpans = metrics.services.length > 0 || (await api.services(signal)).length > 0;
      return { metrics, anySpans };
    },
    [rangeKey, attempt],
  );

  const onSort = (key: ServiceSortKey) => {
    const params = new URLSearchParams(location.search);
    writeServiceSort(params, nextSort(sort, key));
    navigate(`/services?${params.toString()}`, { replace: true });
  };
  const serviceHref = (name: string) => {
    const params = new URLSearchParams();
    writeTimeRange(params, range);
    return `/services/${encodeURIComponent(name)}?${params.toString()}`;
  };

  return (
    <div className="insights-page services-page">
      <InsightsToolbar title="Services" range={range} onRange={setRange} onRefresh={() => setAttempt((n) => n + 1)} />
      {state.status === "loading" && (
        <p className="insights-loading muted" role="status">
          Loading services…
        </p>
      )}
      {state.status === "error" && <ApiErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {state.status === "ok" &&
        (state.data.metrics.services.length === 0 ? (
          <ServicesEmpty anySpans={state.data.anySpans} />
        ) : (
          <ServicesTable services={sortServices(state.data.metrics.services, sort)} stepMs={state.data.metrics.stepMs} sort={sort} onSort={onSort} serviceHref={serviceHref} />
        ))}
    </div>
  );
}
