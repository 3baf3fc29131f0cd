import { describe, expect, it } from "vitest";
import { noResultsAdvice } from "./search-no-results.js";
import { readSearchQuery } from "./search-query.js";

const widest = readSearchQuery(new URLSearchParams("range=30d"));

describe("noResultsAdvice", () => {
  it("names this server's real OTLP ports when nothing else can be loosened", () => {
    const [advice] = noResultsAdvice(widest, { host: "skein.local", otlpHttpPort: 14318, otlpGrpcPort: 14317, confirmed: true });
    expect(advice).toContain("OTLP/HTTP at http://skein.local:14318");
    expect(advice).toContain("OTLP/gRPC at skein.local:14317");
    expect(advice).not.toMatch(/:431[78]\b/);
  });

  it("leaves out a receiver that is off and says so", () => {
    const [advice] = noResultsAdvice(widest, { host: "h", otlpHttpPort: null, otlpGrpcPort: 4317, confirmed: true });
    expect(advice).toContain("OTLP/gRPC at h:4317 (the OTLP/HTTP receiver is off)");
    expect(advice).not.toContain("4318");
    expect(noResultsAdvice(widest, { host: "h", otlpHttpPort: null, otlpGrpcPort: null, confirmed: true })[0]).toContain("both OTLP receivers (HTTP and gRPC) are off");
  });

  it("puts loosening the query first when it has filters", () => {
    const query = readSearchQuery(new URLSearchParams("range=1h&errors=1&service=checkout"));
    const advice = noResultsAdvice(query, { host: "h", otlpHttpPort: 4318, otlpGrpcPort: 4317, confirmed: true });
    expect(advice[0]).toMatch(/widening the time range/);
    expect(advice.join("\n")).toContain('"Errors only"');
    expect(advice.join("\n")).not.toContain("OTLP");
  });

  it("suggests any kind when a span kind narrows the search", () => {
    const query = readSearchQuery(new URLSearchParams("range=30d&kind=server"));
    expect(noResultsAdvice(query, { host: "h", otlpHttpPort: 4318, otlpGrpcPort: 4317, confirmed: true })).toEqual(['choosing "Any kind" instead of server spans']);
  });
});
