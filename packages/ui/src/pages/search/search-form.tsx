import { useState, type ReactNode } from "react";
import type { ApiState } from "../../api/use-api.js";
import { TimeRangePicker } from "../../components/time-range-picker.js";
import { checkSearchQuery, type SearchQuery, type SearchQueryErrors } from "./search-query.js";
import { OperationSelect, ServiceSelect, SpanKindSelect } from "./search-selects.js";

/**
 * The search form. It edits a draft copy of `initial` (the URL's query) and hands a checked query
 * to `onSubmit`; an invalid draft shows its problems inline and submits nothing. The page remounts
 * the form when the URL changes (Back/forward), so the draft never outlives its URL.
 */
export function SearchForm({
  initial,
  initialErrors = {},
  services,
  onSubmit,
}: {
  initial: SearchQuery;
  initialErrors?: SearchQueryErrors;
  services: ApiState<string[]>;
  onSubmit: (query: SearchQuery) => void;
}) {
  const [draft, setDraft] = useState<SearchQuery>(() => ({ ...initial, attributes: initial.attributes.length > 0 ? initial.attributes : [""] }));
  const [errors, setErrors] = useState<SearchQueryErrors>(initialErrors);
  const edit = (patch: Partial<SearchQuery>) => setDraft((current) => ({ ...current, ...patch }));
  const setAttribute = (index: number, text: string) => edit({ attributes: draft.attributes.map((old, i) => (i === index ? text : old)) });
  const removeAttribute = (index: number) => {
    const rest = draft.attributes.filter((_, i) => i !== index);
    edit({ attributes: rest.length > 0 ? rest : [""] });
  };

  return (
    <form
      className="search-form panel"
      data-testid="search-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const checked = checkSearchQuery(draft, Date.now());
        setErrors(checked.ok ? {} : checked.errors);
        if (checked.ok) onSubmit(draft);
      }}
    >
      <div className="search-form-row">
        <Field label="Service">
          <ServiceSelect services={services} value={draft.service} onChange={(service) => edit({ service, operation: "" })} />
        </Field>
        <Field label="Operation">
          <OperationSelect service={draft.service} value={draft.operation} onChange={(operation) => edit({ operation })} />
        </Field>
        <Field label="Span kind">
          <SpanKindSelect value={draft.kind} invalid={!!errors.kind} onChange={(kind) => edit({ kind })} />
        </Field>
        <Field label="Min duration">
          <DurationInput testId="search-min-duration" value={draft.minDuration} invalid={!!errors.minDuration} placeholder="e.g. 100ms" onChange={(minDuration) => edit({ minDuration })} />
        </Field>
        <Field label="Max duration">
          <DurationInput testId="search-max-duration" value={draft.maxDuration} invalid={!!errors.maxDuration} placeholder="e.g. 2s" onChange={(maxDuration) => edit({ maxDuration })} />
        </Field>
        <Field label="Time range">
          <TimeRangePicker value={draft.timeRange} invalid={!!errors.timeRange} onChange={(timeRange) => edit({ timeRange })} />
        </Field>
        <Field label="Limit">
          <input
            className="search-limit"
            data-testid="search-limit"
            inputMode="numeric"
            aria-label="Limit"
            aria-invalid={!!errors.limit}
            placeholder="20"
            value={draft.limit}
            onChange={(event) => edit({ limit: event.target.value })}
          />
        </Field>
        <label className="search-errors-only">
          <input type="checkbox" data-testid="search-errors-only" checked={draft.errorsOnly} onChange={(event) => edit({ errorsOnly: event.target.checked })} />
          Errors only
        </label>
        <button type="submit" className="primary search-submit" data-testid="search-submit">
          Find traces
        </button>
      </div>
      <div className="search-form-row search-attributes">
        <span className="search-field-label">Attributes</span>
        {draft.attributes.map((text, index) => (
          <span className="search-attribute" key={index}>
            <input
              data-testid="search-attribute"
              aria-label={`Attribute filter ${index + 1}`}
              aria-invalid={!!errors.attributes}
              placeholder="key=value   e.g. http.route=/cart"
              value={text}
              onChange={(event) => setAttribute(index, event.target.value)}
            />
            {(draft.attributes.length > 1 || text !== "") && (
              <button type="button" className="search-attribute-remove" aria-label={`Remove attribute filter ${index + 1}`} onClick={() => removeAttribute(index)}>
                ×
              </button>
            )}
          </span>
        ))}
        <button type="button" className="search-add-attribute" data-testid="search-add-attribute" onClick={() => edit({ attributes: [...draft.attributes, ""] })}>
          + Add filter
        </button>
      </div>
      <FormErrors errors={errors} />
    </form>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="search-field">
      <span className="search-field-label">{label}</span>
      {children}
    </label>
  );
}

const FIELD_NAMES: Record<keyof SearchQueryErrors, string> = {
  minDuration: "Min duration",
  maxDuration: "Max duration",
  kind: "Span kind",
  timeRange: "Time range",
  limit: "Limit",
  attributes: "Attributes",
};

/** The draft's problems, named by field, under the form (the fields themselves are outlined in red). */
function FormErrors({ errors }: { errors: SearchQueryErrors }) {
  const entries = (Object.keys(FIELD_NAMES) as (keyof SearchQueryErrors)[]).filter((field) => errors[field]);
  if (entries.length === 0) return null;
  return (
    <ul className="search-form-errors" role="alert">
      {entries.map((field) => (
        <li key={field}>
          <strong>{FIELD_NAMES[field]}:</strong> {errors[field]}
        </li>
      ))}
    </ul>
  );
}

function DurationInput(props: { testId: string; value: string; invalid: boolean; placeholder: string; onChange: (value: string) => void }) {
  return (
    <input
      className="search-duration"
      data-testid={props.testId}
      aria-invalid={props.invalid}
      placeholder={props.placeholder}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
}
