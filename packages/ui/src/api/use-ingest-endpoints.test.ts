import { describe, expect, it } from "vitest";
import { describeIngest, ingestHint } from "./use-ingest-endpoints.js";

const at = (otlpHttpPort: number | null, otlpGrpcPort: number | null) => ({ host: "skein.local", otlpHttpPort, otlpGrpcPort, confirmed: true });

describe("ingestHint", () => {
  it("prefers OTLP/HTTP and offers gRPC as the alternative when both are on", () => {
    const hint = ingestHint(at(14318, 14317));
    expect(hint.primary).toEqual({ protocol: "http", label: "OTLP/HTTP", url: "http://skein.local:14318", address: "skein.local:14318" });
    expect(hint.alternative?.address).toBe("skein.local:14317");
    expect(hint.offNote).toBeNull();
    expect(describeIngest(at(14318, 14317))).toBe("OTLP/HTTP at http://skein.local:14318 or OTLP/gRPC at skein.local:14317");
  });

  it("says which receiver is off, and never offers its port", () => {
    expect(ingestHint(at(4318, null))).toMatchObject({ primary: { protocol: "http" }, alternative: null, offNote: "the OTLP/gRPC receiver is off" });
    expect(ingestHint(at(null, 4317))).toMatchObject({ primary: { protocol: "grpc", url: "http://skein.local:4317" }, alternative: null, offNote: "the OTLP/HTTP receiver is off" });
    expect(describeIngest(at(null, 4317))).toBe("OTLP/gRPC at skein.local:4317 (the OTLP/HTTP receiver is off)");
  });

  it("has no receiver to offer when both are off", () => {
    expect(ingestHint(at(null, null))).toEqual({ primary: null, alternative: null, offNote: "both OTLP receivers (HTTP and gRPC) are off" });
    expect(describeIngest(at(null, null))).not.toMatch(/431[78]/);
  });
});
