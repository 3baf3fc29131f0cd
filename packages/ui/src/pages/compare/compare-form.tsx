import { useState, type FormEvent } from "react";
import { parseTraceIdInput } from "../trace/trace-actions/trace-id-input.js";

/**
 * Asks for the two traces to compare (ids or pasted trace URLs), prefilled from the URL; a valid
 * pair is handed to `onCompare` (lowercase ids), an invalid one says which field is wrong.
 */
export function CompareForm({ a, b, onCompare }: { a: string; b: string; onCompare: (a: string, b: string) => void }) {
  const [values, setValues] = useState({ a, b });
  const [errors, setErrors] = useState<{ a?: string; b?: string }>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ids = { a: parseTraceIdInput(values.a), b: parseTraceIdInput(values.b) };
    const problem = "a trace id is 1 to 32 hexadecimal characters (or paste a trace URL)";
    const next = { a: ids.a === undefined ? problem : undefined, b: ids.b === undefined ? problem : undefined };
    setErrors(next);
    if (ids.a !== undefined && ids.b !== undefined) onCompare(ids.a, ids.b);
  };
  return (
    <form className="compare-form panel" onSubmit={submit} noValidate data-testid="compare-form">
      {(["a", "b"] as const).map((side) => (
        <label key={side} className="compare-form-field">
          <span className="compare-form-label">{side === "a" ? "Trace A (baseline)" : "Trace B"}</span>
          <input
            className="mono"
            data-testid={`compare-input-${side}`}
            value={values[side]}
            aria-invalid={errors[side] !== undefined}
            onChange={(event) => setValues({ ...values, [side]: event.target.value })}
          />
          {errors[side] !== undefined && <span className="error-text">{errors[side]}</span>}
        </label>
      ))}
      <button type="submit" className="primary" data-testid="compare-go">
        Compare
      </button>
    </form>
  );
}
