import type { TraceModel } from "../../../trace/trace-model.js";

/** Ancestors shown in full; deeper chains elide the middle ("…"). */
const MAX_CRUMBS = 5;

/** "Whole trace › root › … › zoomed span": each crumb zooms back out to that span. */
export function FlameBreadcrumb({ model, zoomIndex, onZoom }: { model: TraceModel; zoomIndex: number | undefined; onZoom: (index: number | undefined) => void }) {
  const chain: number[] = [];
  for (let index = zoomIndex ?? -1; index !== -1; index = model.nodes[index]!.parent) chain.unshift(index);
  const shown = chain.length <= MAX_CRUMBS ? chain : [chain[0]!, -1, ...chain.slice(-(MAX_CRUMBS - 2))];
  return (
    <nav className="flame-breadcrumb" aria-label="Flame graph zoom">
      <button type="button" className="flame-crumb" disabled={zoomIndex === undefined} onClick={() => onZoom(undefined)}>
        {zoomIndex === undefined ? "Whole trace" : "Reset zoom"}
      </button>
      {shown.map((index, position) => (
        <span key={index === -1 ? "gap" : index} className="flame-crumb-item">
          <span className="flame-crumb-separator" aria-hidden="true">›</span>
          {index === -1 ? (
            <span className="muted">…</span>
          ) : (
            <button type="button" className="flame-crumb" aria-current={position === shown.length - 1 ? "true" : undefined} onClick={() => onZoom(index)} title={model.nodes[index]!.span.service}>
              {model.nodes[index]!.span.name}
            </button>
          )}
        </span>
      ))}
    </nav>
  );
}
