import { describe, expect, it } from "vitest";
import { layoutMap, NODE_HEIGHT, NODE_WIDTH, type MapLayout } from "./map-layout.js";

const e = (source: string, target: string) => ({ source, target });

function expectNoOverlap(layout: MapLayout) {
  const boxes = [...layout.nodes.values()];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const apart = a.x + NODE_WIDTH <= b.x || b.x + NODE_WIDTH <= a.x || a.y + NODE_HEIGHT <= b.y || b.y + NODE_HEIGHT <= a.y;
      expect(apart, `${a.name} overlaps ${b.name}`).toBe(true);
    }
  }
  for (const box of boxes) {
    expect(box.x + NODE_WIDTH).toBeLessThanOrEqual(layout.width);
    expect(box.y + NODE_HEIGHT).toBeLessThanOrEqual(layout.height);
  }
}

describe("layoutMap", () => {
  it("puts each node in the layer of its longest path from a root, so every edge points right", () => {
    const edges = [e("frontend", "checkout"), e("checkout", "payment"), e("checkout", "postgres"), e("frontend", "postgres"), e("payment", "stripe"), e("checkout", "orders"), e("orders", "fulfilment")];
    const names = ["frontend", "checkout", "payment", "postgres", "stripe", "orders", "fulfilment"];
    const layout = layoutMap(names, edges);
    const layer = (n: string) => layout.nodes.get(n)!.layer;
    expect(Object.fromEntries(names.map((n) => [n, layer(n)]))).toEqual({ frontend: 0, checkout: 1, payment: 2, postgres: 2, stripe: 3, orders: 2, fulfilment: 3 });
    for (const edge of layout.edges) {
      expect(edge.back).toBe(false);
      expect(layer(edge.target)).toBeGreaterThan(layer(edge.source));
      expect(layout.nodes.get(edge.target)!.x).toBeGreaterThan(layout.nodes.get(edge.source)!.x + NODE_WIDTH);
    }
    expectNoOverlap(layout);
  });

  it("breaks cycles: exactly the closing edge is a back edge, and the others still point right", () => {
    const layout = layoutMap(["a", "b", "c"], [e("a", "b"), e("b", "c"), e("c", "a"), e("b", "b")]);
    expect(layout.edges.filter((x) => x.back).map((x) => `${x.source}>${x.target}`).sort()).toEqual(["b>b", "c>a"]);
    for (const edge of layout.edges.filter((x) => !x.back)) expect(layout.nodes.get(edge.target)!.layer).toBeGreaterThan(layout.nodes.get(edge.source)!.layer);
    expectNoOverlap(layout);
  });

  it("orders a layer by the barycentre of its neighbours, removing a crossing", () => {
    // By name, layer 1 would be [x, y] but a→y and b→x cross: the sweeps put y above x.
    const layout = layoutMap(["a", "b", "x", "y"], [e("a", "y"), e("b", "x")]);
    expect(layout.nodes.get("a")!.order).toBe(0);
    expect(layout.nodes.get("y")!.order).toBe(0);
    expect(layout.nodes.get("x")!.order).toBe(1);
  });

  it("lays out isolated nodes and wide layers without overlap, ignoring edges to unknown nodes", () => {
    const names = Array.from({ length: 12 }, (_, i) => `svc-${i}`);
    const edges = names.slice(1).map((n) => e("svc-0", n)).concat([e("svc-3", "ghost")]);
    const layout = layoutMap([...names, "lonely"], edges);
    expect(layout.edges).toHaveLength(11);
    expect(layout.nodes.get("lonely")!.layer).toBe(0);
    expectNoOverlap(layout);
  });

  it("is deterministic and handles an empty map", () => {
    const edges = [e("a", "b"), e("a", "c"), e("c", "d")];
    expect([...layoutMap(["d", "c", "b", "a"], edges).nodes.values()].sort((p, q) => (p.name < q.name ? -1 : 1))).toEqual(
      [...layoutMap(["a", "b", "c", "d"], edges).nodes.values()].sort((p, q) => (p.name < q.name ? -1 : 1)),
    );
    const empty = layoutMap([], []);
    expect(empty.nodes.size).toBe(0);
    expect(empty.width).toBeGreaterThan(0);
  });
});
