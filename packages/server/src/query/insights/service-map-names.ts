import type { ServiceNodeType } from "@skein/storage";
import { compareCodePoints } from "@skein/storage";

/** A node as the rollups know it: names are unique only together with the type. */
export interface NodeIdentity {
  name: string;
  type: ServiceNodeType;
}

export function nodeKey(node: NodeIdentity): string {
  return JSON.stringify([node.name, node.type]);
}

/**
 * Display names unique among `nodes`, by nodeKey. A service keeps its name; a database, external
 * or queue node whose name another node of another type also has becomes "name (type)" (and, in
 * the unlikely case that is taken too, "name (type) 2", "… 3"). Deterministic: independent of
 * the order of `nodes`.
 */
export function uniqueNodeNames(nodes: Iterable<NodeIdentity>): Map<string, string> {
  const byName = new Map<string, Set<ServiceNodeType>>();
  for (const node of nodes) {
    const types = byName.get(node.name) ?? new Set<ServiceNodeType>();
    types.add(node.type);
    byName.set(node.name, types);
  }
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const suffixed: NodeIdentity[] = [];
  for (const [name, types] of byName) {
    for (const type of types) {
      if (types.size === 1 || type === "service") {
        names.set(nodeKey({ name, type }), name);
        taken.add(name);
      } else suffixed.push({ name, type });
    }
  }
  suffixed.sort((a, b) => compareCodePoints(a.name, b.name) || compareCodePoints(a.type, b.type));
  for (const node of suffixed) {
    const base = `${node.name} (${node.type})`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base} ${n}`;
    names.set(nodeKey(node), name);
    taken.add(name);
  }
  return names;
}
