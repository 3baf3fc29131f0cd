import type { ApiOperationMetrics } from "@skein/model/api";
import { Link } from "react-router";
import { formatCount, formatErrorRate, formatLatency, formatRate } from "../../components/charts/insights-format.js";

/**
 * The service's operations, busiest first, with their RED figures. An operation's name links to
 * the page filtered to it (`hrefOf`); the selected one links back to all operations.
 */
export function OperationsTable(props: { operations: readonly ApiOperationMetrics[]; selected: string | undefined; hrefOf: (operation: string | undefined) => string }) {
  if (props.operations.length === 0) return <p className="muted service-section-note">No operations in this time range.</p>;
  return (
    <table className="operations-table" data-testid="operations-table">
      <thead>
        <tr>
          <th scope="col">Operation</th>
          <th scope="col">Kind</th>
          <th scope="col">Requests</th>
          <th scope="col">Rate</th>
          <th scope="col">Errors</th>
          <th scope="col">p50</th>
          <th scope="col">p95</th>
          <th scope="col">p99</th>
        </tr>
      </thead>
      <tbody>
        {props.operations.map((op) => {
          const isSelected = op.name === props.selected;
          return (
            <tr key={`${op.name}\u0000${op.kind}`} className={isSelected ? "operations-selected" : undefined} data-testid="operation-row" data-operation={op.name} aria-selected={isSelected}>
              <th scope="row">
                <Link to={props.hrefOf(isSelected ? undefined : op.name)} data-testid="operation-link" title={isSelected ? "Show all operations" : "Show this operation only"}>
                  {op.name}
                </Link>
              </th>
              <td className="muted">{op.kind}</td>
              <td className="num">{formatCount(op.count)}</td>
              <td className="num">{formatRate(op.rate)}</td>
              <td className={op.errorRate > 0 ? "num error-text" : "num"}>{formatErrorRate(op.errorRate)}</td>
              <td className="num">{formatLatency(op.p50)}</td>
              <td className="num">{formatLatency(op.p95)}</td>
              <td className="num">{formatLatency(op.p99)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
