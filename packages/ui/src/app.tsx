import { Navigate, Route, Routes } from "react-router";
import { AppShell } from "./components/app-shell.js";
import { EmptyState } from "./components/empty-state.js";
import { PageErrorBoundary } from "./components/error-boundary.js";
import { AlertHistoryPage } from "./pages/alerts/alert-history-page.js";
import { AlertsPage } from "./pages/alerts/alerts-page.js";
import { ComparePage } from "./pages/compare/compare-page.js";
import { LogsPage } from "./pages/logs/logs-page.js";
import { SearchPage } from "./pages/search/search-page.js";
import { ServiceMapPage } from "./pages/service-map/service-map-page.js";
import { ServicePage } from "./pages/service/service-page.js";
import { ServicesPage } from "./pages/services/services-page.js";
import { TracePage } from "./pages/trace/trace-page.js";

/** Every page of the UI and its URL; the URL holds each page's whole state (shareable, back works). */
export function App() {
  return (
    <AppShell>
      <PageErrorBoundary>
        <Routes>
          <Route path="/" element={<Navigate to="/search" replace />} />
          <Route path="/search" element={<SearchPage />} />
          <Route path="/trace/:traceId" element={<TracePage />} />
          <Route path="/logs" element={<LogsPage />} />
          <Route path="/services" element={<ServicesPage />} />
          <Route path="/services/:service" element={<ServicePage />} />
          <Route path="/service-map" element={<ServiceMapPage />} />
          <Route path="/compare" element={<ComparePage />} />
          <Route path="/alerts" element={<AlertsPage />} />
          <Route path="/alerts/history" element={<AlertHistoryPage />} />
          <Route
            path="*"
            element={
              <EmptyState title="No such page" testId="page-not-found">
                <p>
                  Try <a href="/search">trace search</a> or the <a href="/logs">logs explorer</a>.
                </p>
              </EmptyState>
            }
          />
        </Routes>
      </PageErrorBoundary>
    </AppShell>
  );
}
