import { describe, expect, it } from "vitest";
import { DemoOptionError } from "./demo-errors.js";
import { parseDemoOptions, parseDuration } from "./demo-options.js";

describe("parseDemoOptions", () => {
  it("applies the defaults: local Skein, 5 orders/s, until Ctrl-C, the shop's own fault rates", () => {
    expect(parseDemoOptions({})).toEqual({
      apiUrl: "http://127.0.0.1:16686",
      otlpEndpoint: undefined,
      ratePerSecond: 5,
      durationMs: undefined,
      declineRate: undefined,
      slowInventoryRate: undefined,
      checkoutRetry: false,
      quiet: false,
    });
  });

  it("reads every flag", () => {
    const settings = parseDemoOptions({
      apiUrl: "https://skein.example:8443/",
      otlpEndpoint: "http://collector:4318",
      rate: "0.5",
      duration: "1m30s",
      declineRate: "0.25",
      slowRate: "0",
      checkoutRetry: true,
      quiet: true,
    });
    expect(settings).toEqual({
      apiUrl: "https://skein.example:8443",
      otlpEndpoint: "http://collector:4318",
      ratePerSecond: 0.5,
      durationMs: 90_000,
      declineRate: 0.25,
      slowInventoryRate: 0,
      checkoutRetry: true,
      quiet: true,
    });
  });

  it("takes SKEIN_API_URL below --api-url", () => {
    expect(parseDemoOptions({}, { SKEIN_API_URL: "http://10.0.0.5:16686" }).apiUrl).toBe("http://10.0.0.5:16686");
    expect(parseDemoOptions({ apiUrl: "http://[::1]:9000" }, { SKEIN_API_URL: "http://10.0.0.5:16686" }).apiUrl).toBe("http://[::1]:9000");
  });

  it("keeps a path prefix of a Skein behind a proxy, without the trailing slash", () => {
    expect(parseDemoOptions({ apiUrl: "http://proxy/skein/" }).apiUrl).toBe("http://proxy/skein");
  });

  it.each([
    [{ apiUrl: "localhost:16686" }, '--api-url "localhost:16686" is not an http(s) base URL'],
    [{ apiUrl: "http://host/?x=1" }, "is not an http(s) base URL"],
    [{ otlpEndpoint: "grpc://host:4317" }, '--otlp-endpoint "grpc://host:4317"'],
    [{ rate: "0" }, '--rate "0" is not a rate'],
    [{ rate: "fast" }, '--rate "fast"'],
    [{ rate: "5000" }, "at most 1000"],
    [{ rate: "" }, '--rate ""'],
    [{ duration: "30" }, '--duration "30" is not a duration; give a number with a unit'],
    [{ duration: "0s" }, '--duration "0s"'],
    [{ declineRate: "10" }, '--decline-rate "10" is not a share; give a number from 0 to 1'],
    [{ slowRate: "-0.1" }, '--slow-rate "-0.1"'],
  ])("refuses %j naming the flag and what is allowed", (flags, message) => {
    expect(() => parseDemoOptions(flags)).toThrow(DemoOptionError);
    expect(() => parseDemoOptions(flags)).toThrow(message);
  });

  it("names SKEIN_API_URL when the bad URL came from the environment", () => {
    expect(() => parseDemoOptions({}, { SKEIN_API_URL: "nope" })).toThrow('SKEIN_API_URL "nope"');
  });
});

describe("parseDuration", () => {
  it.each([
    ["6s", 6_000],
    ["5m", 300_000],
    ["1h30m", 5_400_000],
    ["1.5s", 1_500],
    ["250ms", 250],
  ])("%s is %i ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it("refuses less than a millisecond", () => {
    expect(() => parseDuration("10us")).toThrow(DemoOptionError);
  });
});
