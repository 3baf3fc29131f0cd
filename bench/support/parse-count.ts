import { InvalidArgumentError } from "commander";

/** A positive count from the command line: "1000000", "1e6", "1_000_000", "1,000,000", "50k", "1M". */
export function parseCount(text: string): number {
  const m = /^([\d.,_e+]+)\s*([kKmM]?)$/.exec(text.trim());
  const base = m ? Number(m[1]!.replace(/[,_]/g, "")) : Number.NaN;
  const n = Math.round(base * (m?.[2] ? (m[2].toLowerCase() === "k" ? 1e3 : 1e6) : 1));
  if (!Number.isFinite(n) || n < 1) throw new InvalidArgumentError(`expected a positive count such as 1000000, 1e6 or 50k, got ${JSON.stringify(text)}`);
  return n;
}
