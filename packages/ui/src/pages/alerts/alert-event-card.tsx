import type { ApiAlertEvent, ApiAlertRule } from "@skein/model/api";
import { Link } from "react-router";
import { formatTimestamp } from "../../format/format-time.js";
import { traceHref } from "../../format/trace-href.js";
import { formatAlertValue, unitOfEvent } from "./alert-format.js";

/**
 * One notification: firing or resolved, the rule and its target, the value against the threshold,
 * when, whether the webhook took it, and the exemplar traces (linked) with their error logs.
 */
export function AlertEventCard({ event, rule }: { event: ApiAlertEvent; rule: ApiAlertRule | undefined }) {
  const unit = unitOfEvent(event, rule);
  const delivery = event.delivery;
  const attempts = `${delivery.attempts} attempt${delivery.attempts === 1 ? "" : "s"}`;
  // No attempt yet: the delivery is in progress (the server retries it), or the event is never sent (rule disabled while firing).
  const notCalled = !delivery.ok && delivery.attempts === 0;
  return (
    <article className={`alert-event panel is-${event.state}`} data-testid="alert-event" data-state={event.state} data-rule-id={event.ruleId}>
      <header className="alert-event-head">
        <span className={`alert-state is-${event.state}`} data-testid="alert-event-state">
          {event.state}
        </span>
        <strong className="alert-event-rule">{event.ruleName}</strong>
        <span className="muted">
          {event.service} · {event.operation ?? "all operations"}
        </span>
        <time className="muted alert-event-time" dateTime={new Date(event.time).toISOString()}>
          {formatTimestamp(BigInt(event.time) * 1_000_000n)}
        </time>
      </header>
      <p className="alert-event-value" data-testid="alert-event-value">
        value <strong>{formatAlertValue(event.value, unit)}</strong> {event.state === "firing" ? ">" : "≤"} threshold {formatAlertValue(event.threshold, unit)}
      </p>
      <p className={`alert-event-delivery${delivery.ok || notCalled ? "" : " error-text"}`} data-testid="alert-event-delivery" data-ok={delivery.ok}>
        {delivery.ok
          ? `Webhook delivered${delivery.status === null ? "" : ` (HTTP ${delivery.status})`}, ${attempts}`
          : notCalled
            ? sentence(delivery.error ?? "not sent yet")
            : `Webhook failed: ${delivery.error ?? (delivery.status === null ? "no answer" : `HTTP ${delivery.status}`)} after ${attempts}`}
      </p>
      {event.exemplars.length === 0 ? (
        <p className="muted">No exemplar traces for this window.</p>
      ) : (
        <ul className="alert-exemplars">
          {event.exemplars.map((exemplar) => {
            const href = traceHref(exemplar.traceId);
            return (
              <li key={exemplar.traceId} data-testid="alert-exemplar">
                {href === undefined ? (
                  <span className="mono">{exemplar.traceId}</span>
                ) : (
                  <Link className="mono" to={href} data-testid="alert-exemplar-link">
                    {exemplar.traceId}
                  </Link>
                )}
                {exemplar.errorLogs.length > 0 && (
                  <ul className="alert-exemplar-logs">
                    {exemplar.errorLogs.map((log, i) => (
                      <li key={i} className="log-summary" data-testid="alert-exemplar-log">
                        <span className="log-time">{formatTimestamp(log.timeUnixNano)}</span>
                        <span className="severity severity-error">{log.severityText || "ERROR"}</span>
                        <span className="log-body" title={log.body}>
                          {log.body}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <details className="alert-event-text">
        <summary>Message sent</summary>
        <pre className="code-block">{event.text}</pre>
      </details>
    </article>
  );
}

/** "not sent: the rule was disabled" → "Not sent: the rule was disabled". */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
