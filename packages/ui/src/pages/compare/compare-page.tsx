// PLACEHOLDER (issue 6 in progress): replaced by the real page.
export function ComparePage() {
  return <p data-testid="placeholder">Compare</p>;
}
