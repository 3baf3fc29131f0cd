import { useState, type ReactNode } from "react";
import { formatDuration } from "../../../format/format-duration.js";
import { formatTimestamp } from "../../../format/format-time.js";
import type { TraceModel } from "../../../trace/trace-model.js";
import { CopyButton } from "./copy-button.js";
import "./trace-header.css";

/** Service chips shown before "+N more" (a trace through dozens of services stays one line or two). */
const CHIPS_SHOWN = 12;

/** The trace at a glance: root service and operation, id, start, duration, services, span and error counts; `actions` under them. */
export function TraceHeader({ model, actions }: { model: TraceModel; actions?: ReactNode }) {
  const [allServices, setAllServices] = useState(false);
  const root = model.root;
  const rootColor = model.services.find((service) => service.name === root?.span.service)?.color;
  const services = allServices ? model.services : model.services.slice(0, CHIPS_SHOWN);
  return (
    <header className="trace-header" data-testid="trace-header">
      <div className="trace-header-title">
        <span className="trace-header-root-chip" style={{ background: rootColor }} />
        <h1>
          <span className="trace-header-service">{root?.span.service}</span>
          <span className="trace-header-operation">{root?.span.name}</span>
        </h1>
        {root?.isOrphan && (
          <span className="badge" title="No span in this trace is a true root: the root span has not arrived or was dropped">
            root span missing
          </span>
        )}
        <span className="trace-header-id mono" title="Trace id">
          {model.traceId}
        </span>
        <CopyButton text={model.traceId} label="Copy trace id" />
      </div>
      <dl className="trace-header-facts">
        <Fact label="Started" value={formatTimestamp(model.startNs)} />
        <Fact label="Duration" value={formatDuration(model.durationNs)} />
        <Fact label="Spans" value={model.nodes.length.toLocaleString("en-US")} testId="trace-span-count" />
        <Fact label="Errors" value={model.errorCount.toLocaleString("en-US")} error={model.errorCount > 0} testId="trace-error-count" />
        <Fact label="Depth" value={String(model.maxDepth)} />
        <Fact label="Services" value={String(model.services.length)} />
      </dl>
      <ul className="trace-header-services" aria-label="Services">
        {services.map((service) => (
          <li key={service.name} className="trace-header-chip" title={`${service.name}: ${service.spanCount} spans, ${service.errorCount} errors`}>
            <span className="trace-header-chip-dot" style={{ background: service.color }} />
            <span className="trace-header-chip-name">{service.name}</span>
            <span className="trace-header-chip-count">{service.spanCount.toLocaleString("en-US")}</span>
            {service.errorCount > 0 && <span className="trace-header-chip-errors">{service.errorCount} err</span>}
          </li>
        ))}
        {model.services.length > CHIPS_SHOWN && (
          <li>
            <button type="button" className="trace-header-more" onClick={() => setAllServices(!allServices)}>
              {allServices ? "fewer" : `+${model.services.length - CHIPS_SHOWN} more`}
            </button>
          </li>
        )}
      </ul>
      {actions}
    </header>
  );
}

function Fact({ label, value, error = false, testId }: { label: string; value: string; error?: boolean; testId?: string }) {
  return (
    <div className="trace-header-fact">
      <dt>{label}</dt>
      <dd className={error ? "error-text" : undefined} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
