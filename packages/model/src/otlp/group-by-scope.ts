import type { InstrumentationScope, Resource } from "../resource.js";

/** Items of one Resource, split by InstrumentationScope: the shape of ResourceSpans/ResourceLogs. */
export interface ResourceGroup<T> {
  resource: Resource;
  scopes: ScopeGroup<T>[];
}

export interface ScopeGroup<T> {
  scope: InstrumentationScope;
  items: T[];
}

/**
 * Groups spans or log records by the identity of their Resource, then of their scope object, the
 * inverse of decoding (which shares one object per ResourceSpans/ScopeSpans). Groups come in order
 * of first appearance and items keep their relative order inside a group, so items that arrive
 * grouped (as every decoder produces them) come back in the same order.
 */
export function groupByResourceAndScope<T extends { resource: Resource; scope: InstrumentationScope }>(items: readonly T[]): ResourceGroup<T>[] {
  const groups: ResourceGroup<T>[] = [];
  const byResource = new Map<Resource, { group: ResourceGroup<T>; byScope: Map<InstrumentationScope, ScopeGroup<T>> }>();
  for (const item of items) {
    let entry = byResource.get(item.resource);
    if (entry === undefined) {
      entry = { group: { resource: item.resource, scopes: [] }, byScope: new Map() };
      byResource.set(item.resource, entry);
      groups.push(entry.group);
    }
    let scopeGroup = entry.byScope.get(item.scope);
    if (scopeGroup === undefined) {
      scopeGroup = { scope: item.scope, items: [] };
      entry.byScope.set(item.scope, scopeGroup);
      entry.group.scopes.push(scopeGroup);
    }
    scopeGroup.items.push(item);
  }
  return groups;
}
