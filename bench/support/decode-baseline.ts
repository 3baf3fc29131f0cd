import { decodeRaw } from "./otlp-proto.js";

/**
 * Decode-only throughput over the same payloads the server received: the protobuf.js baseline.
 * Runs in this process on one core; stops after `budgetMs` (the rate is what matters).
 */
export interface DecodeFigure {
  decoder: string;
  spans: number;
  ms: number;
  spansPerSecond: number;
}

type Decoder = (bytes: Uint8Array) => unknown;

/** The decoders @skein/model exports, when they exist (looked up by name: they may not be built yet). */
async function modelDecoders(): Promise<[string, Decoder][]> {
  try {
    const specifier = "@skein/model"; // not a literal: the bench compiles even while the model is mid-edit
    const model = (await import(specifier)) as Record<string, unknown>;
    const out: [string, Decoder][] = [];
    for (const name of ["decodeOtlpTracesProtoReference", "decodeOtlpTracesProto"]) {
      const fn = model[name];
      if (typeof fn === "function") out.push([`@skein/model ${name}`, fn as Decoder]);
    }
    return out;
  } catch {
    return [];
  }
}

function spanCount(decoded: unknown): number {
  const d = decoded as { batch?: { spans?: unknown[] }; spans?: unknown[] } | unknown[];
  if (Array.isArray(d)) return d.length;
  return d.batch?.spans?.length ?? d.spans?.length ?? 0;
}

function measure(name: string, decode: (b: Uint8Array) => number, requests: Uint8Array[], budgetMs: number): DecodeFigure {
  (globalThis as { gc?: () => void }).gc?.();
  for (let i = 0; i < Math.min(20, requests.length); i++) decode(requests[i]!); // warm the JIT
  const started = performance.now();
  let spans = 0;
  for (let i = 0; i < requests.length; i++) {
    spans += decode(requests[i]!);
    if ((i & 15) === 15 && performance.now() - started > budgetMs) break;
  }
  const ms = performance.now() - started;
  return { decoder: name, spans, ms, spansPerSecond: spans / (ms / 1000) };
}

/** protobufjs Type.decode alone, then each @skein/model decoder found. */
export async function decodeBaselines(requests: Uint8Array[], budgetMs = 5000): Promise<DecodeFigure[]> {
  const figures = [measure("protobufjs Type.decode (raw messages)", decodeRaw, requests, budgetMs)];
  for (const [name, fn] of await modelDecoders()) figures.push(measure(name, (b) => spanCount(fn(b)), requests, budgetMs));
  return figures;
}
