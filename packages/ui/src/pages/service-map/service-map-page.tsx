import type { ApiServiceMapResponse } from "@skein/model/api";
import { useState } from "react";
import { useNavigate } from "react-router";
import { api } from "../../api/api-client.js";
import { insightsApi } from "../../api/insights-api.js";
import { useApi } from "../../api/use-api.js";
import { ApiErrorState } from "../../components/api-error-state.js";
import { InsightsToolbar } from "../../components/charts/insights-toolbar.js";
import { EmptyState, NoDataYet } from "../../components/empty-state.js";
import { writeTimeRange } from "../../format/time-range.js";
import { useUrlTimeRange } from "../services/use-url-time-range.js";
import { MapDetails } from "./map-details.js";
import { MapGraph } from "./map-graph.js";
import { MapLegend } from "./map-legend.js";
import type { MapSelection } from "./map-selection.js";
import "../services/services-page.css";
import "./service-map-page.css";

/**
 * `/service-map`: the services and the databases, queues and external systems they call over the
 * range (URL `range` or `start`+`end`), as a left-to-right graph with call counts on the edges. A
 * service node opens its service page (same range); other nodes and edges show their figures in
 * the details panel.
 */
export function ServiceMapPage() {
  const navigate = useNavigate();
  const { range, rangeKey, setRange, resolve } = useUrlTimeRange();
  const [attempt, setAttempt] = useState(0);
  const [selected, setSelected] = useState<MapSelection | null>(null);
  const [preview, setPreview] = useState<MapSelection | null>(null);
  const state = useApi<{ map: ApiServiceMapResponse; anySpans: boolean }>(
    async (signal) => {
      const { startMs, endMs } = resolve();
      const map = await insightsApi.serviceMap({ start: String(startMs), end: String(endMs) }, signal);
      return { map, anySpans: map.nodes.length > 0 || (await api.services(signal)).length > 0 };
    },
    [rangeKey, attempt],
  );
  const serviceHref = (name: string) => {
    const params = new URLSearchParams();
    writeTimeRange(params, range);
    return `/services/${encodeURIComponent(name)}?${params.toString()}`;
  };

  return (
    <div className="insights-page service-map-page">
      <InsightsToolbar title="Service map" range={range} onRange={setRange} onRefresh={() => setAttempt((n) => n + 1)} />
      {state.status === "loading" && (
        <p className="insights-loading muted" role="status">
          Loading the service map…
        </p>
      )}
      {state.status === "error" && <ApiErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {state.status === "ok" && state.data.map.nodes.length === 0 && (state.data.anySpans ? <NoMapInRange /> : <NoDataYet />)}
      {state.status === "ok" && state.data.map.nodes.length > 0 && (
        <>
          <MapLegend />
          <div className="map-layout">
            <div className="map-canvas panel">
              <MapGraph
                map={state.data.map}
                selected={selected}
                onSelect={(next) => {
                  // A choice wins over what the pointer last hovered, until it moves again.
                  setSelected(next);
                  setPreview(null);
                }}
                onPreview={setPreview}
                serviceHref={serviceHref}
                onOpenService={(name) => navigate(serviceHref(name))}
              />
            </div>
            <MapDetails map={state.data.map} shown={preview ?? selected} serviceHref={serviceHref} />
          </div>
        </>
      )}
    </div>
  );
}

function NoMapInRange() {
  return (
    <EmptyState title="No calls in this time range" testId="map-empty">
      <p>
        The map is drawn from spans counted at ingest: client and server spans that call each other, and client spans naming a database (<code>db.system</code>), a peer
        service (<code>peer.service</code>) or a host (<code>server.address</code>). Pick a longer time range, or check that Skein runs with <code>--span-metrics on</code>.
      </p>
    </EmptyState>
  );
}
