// PLACEHOLDER (issue 6 in progress): replaced by the real page.
export function AlertsPage() {
  return <p data-testid="placeholder">Alerts</p>;
}
