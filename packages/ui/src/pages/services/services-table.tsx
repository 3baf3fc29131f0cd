import type { ApiServiceMetrics } from "@skein/model/api";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { formatErrorRate, formatLatency, formatRate } from "../../components/charts/insights-format.js";
import { Sparkline } from "../../components/charts/sparkline.js";
import { formatDuration } from "../../format/format-duration.js";
import type { ServiceSort, ServiceSortKey } from "./services-sort.js";

const COLUMNS: ReadonlyArray<{ key: ServiceSortKey; label: string }> = [
  { key: "name", label: "Service" },
  { key: "rate", label: "Request rate" },
  { key: "errors", label: "Error rate" },
  { key: "p95", label: "p95 latency" },
];

/**
 * One row per service (already in display order): its name linking to the service page, and
 * rate, error rate and p95 each with a sparkline of the range, one point per window of `stepMs`
 * (the server's choice, any size; said in the caption and the sparklines' labels). Headers are sort buttons; the
 * sorted one carries aria-sort. `serviceHref` keeps the page's time range on the link.
 */
export function ServicesTable(props: { services: readonly ApiServiceMetrics[]; stepMs: number; sort: ServiceSort; onSort: (key: ServiceSortKey) => void; serviceHref: (name: string) => string }) {
  const { sort } = props;
  const per = `per ${formatDuration(props.stepMs * 1_000_000)}`;
  return (
    <table className="services-table panel" data-testid="services-table">
      <caption className="muted services-caption" data-testid="services-step">
        Sparklines: one point {per} over the range
      </caption>
      <thead>
        <tr>
          {COLUMNS.map((column) => (
            <th key={column.key} scope="col" aria-sort={sort.key === column.key ? (sort.descending ? "descending" : "ascending") : undefined}>
              <button type="button" className="services-sort" data-testid={`services-sort-${column.key}`} onClick={() => props.onSort(column.key)}>
                {column.label}
                {sort.key === column.key && <span aria-hidden="true">{sort.descending ? " ↓" : " ↑"}</span>}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.services.map((service) => (
          <tr key={service.name} data-testid="services-row" data-service={service.name}>
            <th scope="row" className="services-name">
              <Link to={props.serviceHref(service.name)} data-testid="services-link">
                {service.name}
              </Link>
            </th>
            <Figure text={formatRate(service.rate)} testId="services-rate">
              <Sparkline values={service.series.map((p) => p.rate)} label={`${service.name} request rate ${per}`} />
            </Figure>
            <Figure text={formatErrorRate(service.errorRate)} testId="services-error-rate" error={service.errorRate > 0}>
              <Sparkline values={service.series.map((p) => (p.count > 0 ? p.errorRate : null))} label={`${service.name} error rate ${per}`} tone="error" />
            </Figure>
            <Figure text={formatLatency(service.p95)} testId="services-p95">
              <Sparkline values={service.series.map((p) => p.p95)} label={`${service.name} p95 latency ${per}`} tone="latency" />
            </Figure>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Figure({ text, testId, error = false, children }: { text: string; testId: string; error?: boolean; children: ReactNode }) {
  return (
    <td>
      <span className="services-figure">
        <span className={error ? "services-value error-text" : "services-value"} data-testid={testId}>
          {text}
        </span>
        {children}
      </span>
    </td>
  );
}
