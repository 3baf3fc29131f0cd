/**
 * Exact binomial acceptance bounds for sampling tests: how many of `n` independent trials a
 * correct sampler with probability `p` may keep before a test calls it wrong. Exact (summed
 * probabilities, no normal approximation), so a test's stated false-failure rate is the real one.
 */

export interface BinomialBounds {
  /** Smallest accepted count. */
  low: number;
  /** Largest accepted count. */
  high: number;
  /** P(X < low) + P(X > high) for X ~ Binomial(n, p): how often a correct sampler fails the test (≤ alpha). */
  falseFailure: number;
}

/** P(X = k) for k = 0…n, X ~ Binomial(n, p); computed in log space so large n does not underflow early. */
export function binomialPmf(n: number, p: number): number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be a probability from 0 to 1, got ${p}`);
  if (p === 0 || p === 1) return Array.from({ length: n + 1 }, (_, k) => (k === n * p ? 1 : 0));
  const logFactorial = [0];
  for (let i = 1; i <= n; i++) logFactorial.push(logFactorial[i - 1]! + Math.log(i));
  const [logP, logQ] = [Math.log(p), Math.log1p(-p)];
  return Array.from({ length: n + 1 }, (_, k) => Math.exp(logFactorial[n]! - logFactorial[k]! - logFactorial[n - k]! + k * logP + (n - k) * logQ));
}

/** P(low ≤ X ≤ high) for X ~ Binomial(n, p): e.g. how often a sampler with a WRONG p passes. */
export function binomialProbabilityBetween(n: number, p: number, low: number, high: number): number {
  return binomialPmf(n, p).reduce((sum, mass, k) => (k >= low && k <= high ? sum + mass : sum), 0);
}

/**
 * The narrowest central bounds [low, high] with at most alpha/2 probability below low and at
 * most alpha/2 above high, so a correct sampler fails with probability ≤ alpha (two-sided).
 */
export function binomialBounds(n: number, p: number, alpha: number): BinomialBounds {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be a probability between 0 and 1, got ${alpha}`);
  const pmf = binomialPmf(n, p);
  let low = 0;
  let below = 0;
  while (low < n && below + pmf[low]! <= alpha / 2) below += pmf[low++]!;
  let high = n;
  let above = 0;
  while (high > low && above + pmf[high]! <= alpha / 2) above += pmf[high--]!;
  return { low, high, falseFailure: below + above };
}
