import { ROOT_CONTEXT } from "@opentelemetry/api";
import { SamplingDecision, TraceIdRatioBasedSampler } from "@opentelemetry/sdk-trace-base";

/**
 * Whether a TraceIdRatioBasedSampler(ratio) keeps a new trace with this id. The decision is a
 * deterministic function of the trace id, and this is the installed SDK's own sampler (the one
 * @skein/node configures), so a test can say which ids a service had to keep without restating
 * the SDK's rule.
 */
export function ratioSamplerKeeps(ratio: number, traceId: string): boolean {
  return new TraceIdRatioBasedSampler(ratio).shouldSample(ROOT_CONTEXT, traceId).decision === SamplingDecision.RECORD_AND_SAMPLED;
}
