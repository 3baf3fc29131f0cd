import type { ApiAttributes, ApiSpan } from "@skein/model/api";
import { AttributeTable } from "../../../components/attribute-table.js";
import { formatOffset } from "../../../format/format-offset.js";
import { plainJsonText } from "../../../format/plain-json.js";
import { compareNanos } from "../../../trace/trace-logs.js";

/** Attributes an exception event shows in its own block (OTel semantic conventions), not in the table. */
const EXCEPTION_KEYS = ["exception.type", "exception.message", "exception.stacktrace"];

/** A span's events oldest first: offset from the span start, name, attributes; exceptions readable. */
export function SpanEvents({ span }: { span: ApiSpan }) {
  if (span.events.length === 0) return <p className="muted">No events.</p>;
  const start = BigInt(span.startTimeUnixNano);
  const events = [...span.events].sort((a, b) => compareNanos(a.timeUnixNano, b.timeUnixNano));
  return (
    <ol className="span-events">
      {events.map((event, i) => {
        const offset = BigInt(event.timeUnixNano) - start;
        const isException = event.name === "exception";
        return (
          <li key={i} className={`span-event${isException ? " span-event-exception" : ""}`} data-testid="span-event">
            <div className="span-event-head">
              <span className="span-event-offset mono">{formatOffset(offset)}</span>
              <span className="span-event-name">{event.name}</span>
            </div>
            {isException && <ExceptionBlock attributes={event.attributes} />}
            <AttributeTableOrNothing attributes={isException ? without(event.attributes, EXCEPTION_KEYS) : event.attributes} />
          </li>
        );
      })}
    </ol>
  );
}

function ExceptionBlock({ attributes }: { attributes: ApiAttributes }) {
  const type = plainJsonText(attributes["exception.type"]);
  const message = plainJsonText(attributes["exception.message"]);
  const stack = plainJsonText(attributes["exception.stacktrace"]);
  return (
    <div className="span-exception">
      <div className="span-exception-title">
        {type !== "" && <strong className="span-exception-type">{type}</strong>}
        {type !== "" && message !== "" && ": "}
        {message !== "" && <span className="span-exception-message">{message}</span>}
      </div>
      {stack !== "" && (
        <pre className="span-exception-stack" data-testid="span-exception-stack" tabIndex={0}>
          {stack}
        </pre>
      )}
    </div>
  );
}

function AttributeTableOrNothing({ attributes }: { attributes: ApiAttributes }) {
  return Object.keys(attributes).length === 0 ? null : <AttributeTable attributes={attributes} />;
}

function without(attributes: ApiAttributes, keys: readonly string[]): ApiAttributes {
  return Object.fromEntries(Object.entries(attributes).filter(([key]) => !keys.includes(key)));
}
