import { describe, expect, it } from "vitest";
import { registerServices, serviceColor } from "./service-color.js";

describe("serviceColor", () => {
  it("gives distinct, sticky colours to up to 24 services", () => {
    const names = ["frontend", "checkout", "payment", "inventory", "auth", "cart", "postgres", "redis", "notification", "shipping", "email", "gateway"];
    registerServices(names);
    const colors = names.map(serviceColor);
    expect(new Set(colors).size).toBe(names.length);
    expect(names.map(serviceColor)).toEqual(colors);
    for (let i = 0; i < 12; i++) serviceColor(`extra-${i}`);
    expect(new Set([...names, ...Array.from({ length: 12 }, (_, i) => `extra-${i}`)].map(serviceColor)).size).toBe(24);
    expect(serviceColor("checkout")).toBe(colors[1]);
  });
});
