// PLACEHOLDER (issue 6 in progress): replaced by the real page.
export function AlertHistoryPage() {
  return <p data-testid="placeholder">Alert history</p>;
}
