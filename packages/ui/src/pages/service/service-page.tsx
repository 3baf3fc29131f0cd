import type { ApiEndpointCriticalPathResponse, ApiLatencyHistogramResponse } from "@skein/model/api";
import { useMemo, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { insightsApi } from "../../api/insights-api.js";
import { useApi, type ApiState } from "../../api/use-api.js";
import { chooseStep } from "../../components/charts/chart-step.js";
import { InsightsToolbar } from "../../components/charts/insights-toolbar.js";
import { writeTimeRange } from "../../format/time-range.js";
import { useUrlTimeRange } from "../services/use-url-time-range.js";
import { EndpointBreakdown } from "./endpoint-breakdown.js";
import { OperationsTable } from "./operations-table.js";
import { RedCharts } from "./red-charts.js";
import { Section } from "./section-state.js";
import { ServiceHeatmap } from "./service-heatmap.js";
import { defaultEndpoint, heatmapSpans, serviceHrefWith } from "./service-query.js";
import "../services/services-page.css";
import "./service-page.css";

const RED_POINTS = 60;
const HEATMAP_COLUMNS = 40;

/**
 * `/services/:service?operation=&range=` (or `start`+`end`): one service's RED charts, its
 * operations (a click filters the page to one, in the URL), a latency heatmap whose cells list
 * their traces (of the service's requests: one span kind chosen from the operations list, see
 * heatmapSpans, so it waits for that list; every kind when the list fails), and the critical-path breakdown of the selected operation (by default the busiest
 * endpoint). The range is resolved once per URL (or Refresh), so every section covers the same
 * window; each section loads and fails on its own.
 */
export function ServicePage() {
  const service = useParams().service ?? "";
  const location = useLocation();
  const { range, rangeKey, setRange, resolve } = useUrlTimeRange();
  const operation = new URLSearchParams(location.search).get("operation") || undefined;
  const [attempt, setAttempt] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- resolved anew per range or refresh
  const bounds = useMemo(() => resolve(), [rangeKey, attempt]);
  const start = String(bounds.startMs);
  const end = String(bounds.endMs);
  const base = { service, start, end, ...(operation === undefined ? {} : { operation }) };
  const retry = () => setAttempt((n) => n + 1);

  const red = useApi((signal) => insightsApi.red({ ...base, step: chooseStep(bounds.startMs, bounds.endMs, RED_POINTS).text }, signal), [service, operation, bounds]);
  const operations = useApi((signal) => insightsApi.operations({ service, start, end }, signal), [service, bounds]);
  const spans = operations.status === "loading" ? null : heatmapSpans(operations.status === "ok" ? operations.data : [], operation);
  const histogram = useApi<ApiLatencyHistogramResponse | null>(
    async (signal) =>
      spans === null
        ? null
        : insightsApi.latencyHistogram({ ...base, ...(spans.kind === undefined ? {} : { kind: spans.kind }), step: chooseStep(bounds.startMs, bounds.endMs, HEATMAP_COLUMNS).text }, signal),
    [service, operation, bounds, spans === null, spans?.kind],
  );
  const histogramShown: ApiState<ApiLatencyHistogramResponse | null> = spans === null ? { status: "loading" } : histogram;
  const endpoint = operation ?? (operations.status === "ok" ? defaultEndpoint(operations.data) : undefined);
  const breakdown = useApi<ApiEndpointCriticalPathResponse | null>(
    async (signal) => (endpoint === undefined ? null : insightsApi.endpointCriticalPath({ service, operation: endpoint, start, end }, signal)),
    [service, endpoint, bounds],
  );
  // Without a chosen operation the breakdown waits for the operations list (its default endpoint).
  const breakdownShown = operation === undefined && operations.status !== "ok" ? operations : breakdown;
  const hrefOf = (op: string | undefined) => serviceHrefWith(service, location.search, op);
  const servicesHref = (() => {
    const params = new URLSearchParams();
    writeTimeRange(params, range);
    return `/services?${params.toString()}`;
  })();

  return (
    <div className="insights-page service-page" data-testid="service-page" data-service={service}>
      <InsightsToolbar
        title={
          <>
            <Link to={servicesHref} className="service-crumb">
              Services
            </Link>{" "}
            / <span data-testid="service-name">{service}</span>
          </>
        }
        range={range}
        onRange={setRange}
        onRefresh={retry}
      />
      <div className="service-filter" data-testid="service-filter">
        {operation === undefined ? (
          <span className="muted">All operations · pick one below to filter the charts</span>
        ) : (
          <>
            Operation <strong data-testid="service-operation">{operation}</strong>{" "}
            <Link to={hrefOf(undefined)} data-testid="service-operation-clear">
              show all operations
            </Link>
          </>
        )}
      </div>
      <Section title="Rate, errors, duration" state={red} onRetry={retry} testId="red-section">
        {(data) => <RedCharts red={data} />}
      </Section>
      <div className="service-columns">
        <Section title="Top operations" state={operations} onRetry={retry} testId="operations-section">
          {(data) => <OperationsTable operations={data} selected={operation} hrefOf={hrefOf} />}
        </Section>
        <Section
          title="Latency heatmap"
          aside={spans !== null && (
            <span className="muted" data-testid="heatmap-spans">
              of {spans.label}
            </span>
          )}
          state={histogramShown}
          onRetry={retry}
          testId="heatmap-section"
        >
          {(data) =>
            data === null || spans === null ? null : (
              <ServiceHeatmap histogram={data} spansLabel={spans.label} startMs={bounds.startMs} endMs={bounds.endMs} service={service} operation={operation} kind={spans.kind} />
            )
          }
        </Section>
      </div>
      <Section
        title="Critical path breakdown"
        aside={endpoint !== undefined && <span className="muted">of {endpoint}</span>}
        state={breakdownShown}
        onRetry={retry}
        testId="critical-path-section"
      >
        {(data) => (data === null ? <p className="muted service-section-note">No operations in this time range.</p> : <EndpointBreakdown breakdown={data} />)}
      </Section>
    </div>
  );
}
