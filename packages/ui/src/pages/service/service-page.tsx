// PLACEHOLDER (issue 6 in progress): replaced by the real page.
export function ServicePage() {
  return <p data-testid="placeholder">Service</p>;
}
