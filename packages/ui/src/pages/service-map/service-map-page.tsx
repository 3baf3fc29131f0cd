// PLACEHOLDER (issue 6 in progress): replaced by the real page.
export function ServiceMapPage() {
  return <p data-testid="placeholder">Service map</p>;
}
