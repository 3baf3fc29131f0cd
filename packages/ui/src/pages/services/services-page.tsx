// PLACEHOLDER (issue 6 in progress): replaced by the real page.
export function ServicesPage() {
  return <p data-testid="placeholder">Services</p>;
}
