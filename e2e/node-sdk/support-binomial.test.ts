import { describe, expect, it } from "vitest";
import { binomialBounds, binomialPmf, binomialProbabilityBetween } from "./support-binomial.js";

// Checked against values computed independently (exact rational arithmetic, Python fractions).

describe("binomialPmf", () => {
  it("matches C(n,k) p^k (1-p)^(n-k) on a small case and sums to 1 on a large one", () => {
    const pmf = binomialPmf(4, 0.25);
    [81 / 256, 108 / 256, 54 / 256, 12 / 256, 1 / 256].forEach((want, k) => expect(pmf[k]).toBeCloseTo(want, 14));
    expect(binomialPmf(4_000, 0.25).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it("puts all mass on one count at p = 0 and p = 1, and refuses nonsense", () => {
    expect(binomialPmf(3, 0)).toEqual([1, 0, 0, 0]);
    expect(binomialPmf(3, 1)).toEqual([0, 0, 0, 1]);
    expect(() => binomialPmf(3, 1.5)).toThrow(/p must be a probability/);
    expect(() => binomialPmf(-1, 0.5)).toThrow(/n must be a whole number/);
  });
});

describe("binomialBounds", () => {
  it("gives the exact two-sided quantiles: each tail outside is ≤ alpha/2, one step in it is not", () => {
    for (const [n, p, alpha] of [[400, 0.25, 1e-5], [4_000, 0.25, 1e-5], [300, 0.25, 1e-4], [20, 0.5, 0.05]] as const) {
      const { low, high, falseFailure } = binomialBounds(n, p, alpha);
      const below = (k: number): number => binomialProbabilityBetween(n, p, 0, k - 1);
      const above = (k: number): number => binomialProbabilityBetween(n, p, k + 1, n);
      expect(below(low)).toBeLessThanOrEqual(alpha / 2);
      expect(below(low + 1)).toBeGreaterThan(alpha / 2);
      expect(above(high)).toBeLessThanOrEqual(alpha / 2);
      expect(above(high - 1)).toBeGreaterThan(alpha / 2);
      expect(falseFailure).toBeCloseTo(below(low) + above(high), 15);
    }
  });

  it("matches independently computed values", () => {
    // Binomial(20, 0.5): P(X ≤ 5) = 21700/2^20 ≈ 0.0207 ≤ 0.025 < P(X ≤ 6) ≈ 0.0577.
    expect(binomialBounds(20, 0.5, 0.05)).toMatchObject({ low: 6, high: 14 });
    expect(binomialBounds(4_000, 0.25, 1e-5)).toMatchObject({ low: 881, high: 1122 });
    // The old fixture bound 62…138 for N = 400: false failure ≈ 1.02e-5, and ratios 0.2 / 0.3 pass ~99% / ~98%.
    expect(1 - binomialProbabilityBetween(400, 0.25, 62, 138)).toBeCloseTo(1.0163e-5, 8);
    expect(binomialProbabilityBetween(400, 0.2, 62, 138)).toBeCloseTo(0.9912, 4);
  });
});
