import type { ApiOperationsResponse } from "@skein/model/api";
import { api } from "../../api/api-client.js";
import { useApi, type ApiState } from "../../api/use-api.js";

/**
 * The service picker, suggested from the shared services list (ServicesProvider; the page also
 * needs it to tell "no data yet" from "no match"). A value the list does not hold (a shared URL naming a
 * service that has not reported yet) stays selectable rather than silently becoming "All".
 */
export function ServiceSelect({ services, value, onChange }: { services: ApiState<string[]>; value: string; onChange: (service: string) => void }) {
  const names = services.status === "ok" ? services.data : [];
  return (
    <select data-testid="search-service" aria-label="Service" value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{services.status === "loading" ? "Loading services…" : services.status === "error" ? "All services (list unavailable)" : "All services"}</option>
      {value !== "" && !names.includes(value) && <option value={value}>{value}</option>}
      {names.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
}

/** The operations of `service` (from its operations API), "All" first; disabled until a service is chosen. */
export function OperationSelect({ service, value, onChange }: { service: string; value: string; onChange: (operation: string) => void }) {
  const operations = useApi((signal) => (service === "" ? Promise.resolve([]) : api.operations(service, signal)), [service]);
  const options = operations.status === "ok" ? operationOptions(operations.data) : [];
  return (
    <select
      data-testid="search-operation"
      aria-label="Operation"
      value={value}
      disabled={service === "" && value === ""}
      title={service === "" ? "Choose a service to list its operations" : undefined}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{operations.status === "loading" && service !== "" ? "Loading…" : "All operations"}</option>
      {value !== "" && !options.some((option) => option.name === value) && <option value={value}>{value}</option>}
      {options.map((option) => (
        <option key={option.name} value={option.name}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/** The kinds the form offers, most searched first; "" (any kind) comes before them. */
export const SPAN_KIND_OPTIONS = ["server", "client", "producer", "consumer", "internal"] as const;

/**
 * The span-kind picker: "Any kind" or one kind, which must hold on the same span as the other
 * conditions. A value from the URL the list does not offer (`unspecified`, or a typo the form then
 * reports) stays shown rather than silently becoming "Any kind".
 */
export function SpanKindSelect({ value, invalid, onChange }: { value: string; invalid: boolean; onChange: (kind: string) => void }) {
  return (
    <select data-testid="search-kind" aria-label="Span kind" aria-invalid={invalid} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">Any kind</option>
      {value !== "" && !(SPAN_KIND_OPTIONS as readonly string[]).includes(value) && <option value={value}>{value}</option>}
      {SPAN_KIND_OPTIONS.map((kind) => (
        <option key={kind} value={kind}>
          {kind}
        </option>
      ))}
    </select>
  );
}

/**
 * One option per operation name (the search filters by name only), its span kinds in the label:
 * `GET /cart (server)`, or `publish (producer, client)` when one name has several kinds.
 */
export function operationOptions(operations: ApiOperationsResponse["operations"]): { name: string; label: string }[] {
  const kinds = new Map<string, string[]>();
  for (const { name, kind } of operations) {
    const list = kinds.get(name) ?? [];
    if (!list.includes(kind)) list.push(kind);
    kinds.set(name, list);
  }
  return [...kinds].map(([name, list]) => ({ name, label: `${name} (${list.join(", ")})` }));
}
