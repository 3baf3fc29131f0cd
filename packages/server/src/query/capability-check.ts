import type { SpanField, SpanFilter, Storage, StorageCapabilities } from "@skein/storage";
import { UnsupportedQueryError } from "@skein/storage";

type Capability = keyof StorageCapabilities;

const DESCRIPTIONS: Record<Capability, string> = {
  attributeFilters: "attribute conditions",
  regex: "regular-expression matches (=~, !~)",
  booleanFilters: "or / not conditions",
};

/** The adapter capabilities a filter needs, in a stable order. Intrinsic comparisons need none. */
export function requiredCapabilities(filter: SpanFilter | undefined): Capability[] {
  const needed = new Set<Capability>();
  const visit = (node: SpanFilter): void => {
    switch (node.op) {
      case "and":
        node.filters.forEach(visit);
        return;
      case "or":
        needed.add("booleanFilters");
        node.filters.forEach(visit);
        return;
      case "not":
        needed.add("booleanFilters");
        visit(node.filter);
        return;
      case "exists":
        addField(node.field);
        return;
      case "compare":
        addField(node.field);
        if (node.cmp === "=~" || node.cmp === "!~") needed.add("regex");
        return;
    }
  };
  const addField = (field: SpanField): void => {
    if (field.type === "attribute") needed.add("attributeFilters");
  };
  if (filter !== undefined) visit(filter);
  return (Object.keys(DESCRIPTIONS) as Capability[]).filter((c) => needed.has(c));
}

/**
 * The one place that checks adapter capabilities. Throws UnsupportedQueryError naming what the
 * storage lacks: the query layer does not evaluate these residually yet, and never approximates.
 */
export function assertStorageCanEvaluate(storage: Pick<Storage, "kind" | "capabilities">, filter: SpanFilter | undefined): void {
  const missing = requiredCapabilities(filter).filter((c) => storage.capabilities[c] !== true);
  if (missing.length > 0) {
    throw new UnsupportedQueryError(
      `the ${storage.kind} storage cannot evaluate ${missing.map((c) => DESCRIPTIONS[c]).join(" or ")}; ` +
        `remove ${missing.length > 1 ? "those conditions" : "that condition"} or use a storage that supports ${missing.length > 1 ? "them" : "it"}`,
    );
  }
}
