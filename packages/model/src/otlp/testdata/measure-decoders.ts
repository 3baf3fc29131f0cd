/**
 * Quick decoder throughput measurement (not a test): `npx vite-node
 * packages/model/src/otlp/testdata/measure-decoders.ts`. Decodes 512-span semconv-like requests
 * with each decoder in alternating rounds after warm-up and prints the best spans per CPU-second
 * of each (CPU time, not wall time, because the machine is shared and loaded).
 */
import { decodeOtlpTracesProtoFast } from "../fast-trace-decoder.js";
import { decodeOtlpTracesProtoReference } from "../proto-traces-decoder.js";
import { encodeOtlpTracesProto } from "../proto-traces-encoder.js";
import { decodeOtlpTracesJson } from "../json-traces-decoder.js";
import { encodeOtlpTracesJson } from "../json-traces-encoder.js";
import { semconvSpans } from "./semconv-spans.js";

const payloads = [1, 2, 3, 4].map((seed) => encodeOtlpTracesProto(semconvSpans(512, seed)));
const jsonTexts = new Map(payloads.map((p) => [p, JSON.stringify(encodeOtlpTracesJson(decodeOtlpTracesProtoFast(p).batch.spans))]));
const bytesPerSpan = payloads[0]!.length / 512;

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function measure(decode: (b: Uint8Array) => { batch: { spans: unknown[] } }): number {
  let spans = 0;
  const t0 = cpuSeconds();
  for (let i = 0; i < 40; i++) spans += decode(payloads[i % payloads.length]!).batch.spans.length;
  return spans / (cpuSeconds() - t0);
}

const all = {
  "protobufjs (reference)": decodeOtlpTracesProtoReference,
  "hand-written (fast)": decodeOtlpTracesProtoFast,
  "OTLP/JSON (same spans)": (p: Uint8Array) => decodeOtlpTracesJson(jsonTexts.get(p)!),
};
// An optional argument picks decoders by name substring (e.g. `fast`), for profiling one alone.
const decoders = Object.fromEntries(Object.entries(all).filter(([name]) => name.includes(process.argv[2] ?? "")));
const best = new Map<string, number>();
console.log(`payload: 512 spans, ${payloads[0]!.length} bytes (${bytesPerSpan.toFixed(0)} B/span)`);
for (const decode of Object.values(decoders)) for (let i = 0; i < 200; i++) decode(payloads[i % payloads.length]!);
for (let round = 0; round < 10; round++) {
  for (const [name, decode] of Object.entries(decoders)) best.set(name, Math.max(best.get(name) ?? 0, measure(decode)));
}
for (const [name, rate] of best) console.log(`${name.padEnd(24)} ${Math.round(rate).toLocaleString("en-US").padStart(10)} spans/CPU-s`);
if (best.has("hand-written (fast)") && best.has("protobufjs (reference)")) console.log(`ratio fast/reference: ${(best.get("hand-written (fast)")! / best.get("protobufjs (reference)")!).toFixed(2)}`);
