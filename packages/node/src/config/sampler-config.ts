import { envString, type Env, type Warn } from "./env-values.js";

/** Head-sampling choice, as named by OTEL_TRACES_SAMPLER. `ratio` is the share of new traces kept. */
export type SamplerConfig =
  | { kind: "always_on" | "always_off" | "parentbased_always_on" | "parentbased_always_off" }
  | { kind: "traceidratio" | "parentbased_traceidratio"; ratio: number };

const SIMPLE = ["always_on", "always_off", "parentbased_always_on", "parentbased_always_off"] as const;
const RATIO = ["traceidratio", "parentbased_traceidratio"] as const;

/** The SDK's default: keep every new trace, follow the caller's decision for continued ones. */
export const DEFAULT_SAMPLER: SamplerConfig = { kind: "parentbased_always_on" };

/**
 * The code `sampleRatio` (parent-based ratio) wins; else OTEL_TRACES_SAMPLER with
 * OTEL_TRACES_SAMPLER_ARG (a ratio in [0, 1], default 1 as the spec says); else the default.
 */
export function resolveSampler(sampleRatio: number | undefined, env: Env, warn: Warn): SamplerConfig {
  if (sampleRatio !== undefined) {
    if (isRatio(sampleRatio)) return { kind: "parentbased_traceidratio", ratio: sampleRatio };
    warn(`sampleRatio ${String(sampleRatio)} is not a number between 0 and 1. Ignoring it.`);
  }
  const name = envString(env, "OTEL_TRACES_SAMPLER")?.toLowerCase();
  if (name === undefined) return DEFAULT_SAMPLER;
  const simple = SIMPLE.find((kind) => kind === name);
  if (simple) return { kind: simple };
  const ratioKind = RATIO.find((kind) => kind === name);
  if (ratioKind) return { kind: ratioKind, ratio: samplerArg(env, warn) };
  warn(
    `OTEL_TRACES_SAMPLER="${env.OTEL_TRACES_SAMPLER}" is not supported; use one of ${[...SIMPLE, ...RATIO].join(", ")}. ` +
      "Keeping every trace (parentbased_always_on).",
  );
  return DEFAULT_SAMPLER;
}

function samplerArg(env: Env, warn: Warn): number {
  const raw = envString(env, "OTEL_TRACES_SAMPLER_ARG");
  if (raw === undefined) return 1;
  const ratio = Number(raw);
  if (isRatio(ratio)) return ratio;
  warn(`OTEL_TRACES_SAMPLER_ARG="${raw}" is not a ratio between 0 and 1 (e.g. 0.25). Using 1 (keep every trace).`);
  return 1;
}

function isRatio(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= 1;
}
