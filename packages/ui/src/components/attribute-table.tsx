import type { ApiAttributes } from "@skein/model/api";
import { plainJsonText } from "../format/plain-json.js";

/**
 * Key/value rows of an attribute map, keys sorted. Values render as text nodes (React escapes
 * them), so a value such as `<img src=x onerror=…>` is shown, never parsed as HTML.
 */
export function AttributeTable({ attributes, testId }: { attributes: ApiAttributes; testId?: string }) {
  const keys = Object.keys(attributes).sort();
  if (keys.length === 0) return <p className="muted">none</p>;
  return (
    <table className="attribute-table" data-testid={testId}>
      <tbody>
        {keys.map((key) => (
          <tr key={key}>
            <th scope="row">{key}</th>
            <td className={typeof attributes[key] === "string" ? undefined : "typed-value"}>{plainJsonText(attributes[key])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
