import { describe, expect, it } from "vitest";
import { isClosedLine, parseReadyLine, serviceEnv } from "./service-env.js";

describe("serviceEnv", () => {
  const base = {
    service: "payment" as const,
    otlpEndpoint: "http://127.0.0.1:4318",
    inherited: { PATH: "/usr/bin", HOME: "/root", OTEL_SERVICE_NAME: "shell", SKEIN_HTTP_PORT: "1", SHOP_DECLINE_RATE: "1", NODE_OPTIONS: "--inspect", PORT: "3000" },
    extra: undefined,
    settings: { PORT: "0", SHOP_DECLINE_RATE: "0.1" },
  };

  it("keeps the ordinary environment and drops telemetry, shop and port variables of the launcher", () => {
    const env = serviceEnv(base);
    expect(env.PATH).toBe("/usr/bin");
    expect(env.HOME).toBe("/root");
    expect(env.SKEIN_HTTP_PORT).toBeUndefined();
    expect(env.NODE_OPTIONS).toBeUndefined();
    expect(env.OTEL_SERVICE_NAME).toBe("payment");
    expect(env.PORT).toBe("0");
    expect(env.SHOP_DECLINE_RATE).toBe("0.1");
  });

  it("sets the demo defaults, which ShopOptions.env overrides", () => {
    expect(serviceEnv(base)).toMatchObject({
      SKEIN_PARENT_CONSUMER_SPANS: "true",
      OTEL_BSP_SCHEDULE_DELAY: "500",
      OTEL_BLRP_SCHEDULE_DELAY: "500",
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318",
    });
    const env = serviceEnv({ ...base, extra: { OTEL_BSP_SCHEDULE_DELAY: "100", OTEL_TRACES_SAMPLER: "always_off" } });
    expect(env.OTEL_BSP_SCHEDULE_DELAY).toBe("100");
    expect(env.OTEL_TRACES_SAMPLER).toBe("always_off");
  });

  it("never lets ShopOptions.env rename a service or redirect its settings", () => {
    const env = serviceEnv({ ...base, extra: { OTEL_SERVICE_NAME: "x", OTEL_EXPORTER_OTLP_ENDPOINT: "http://other:1", PORT: "9" } });
    expect(env.OTEL_SERVICE_NAME).toBe("payment");
    expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBe("http://127.0.0.1:4318");
    expect(env.PORT).toBe("0");
  });
});

describe("parseReadyLine", () => {
  it("reads the URL of a listening HTTP service", () => {
    const line = JSON.stringify({ level: 30, time: 1, name: "payment", url: "http://127.0.0.1:40001", msg: "listening" });
    expect(parseReadyLine(line)).toEqual({ url: "http://127.0.0.1:40001" });
  });

  it("recognises the consumer's readiness", () => {
    expect(parseReadyLine('{"level":30,"msg":"consuming","stream":"ORDERS"}')).toEqual({ url: undefined });
  });

  it.each([
    '{"level":30,"msg":"stock reserved"}',
    '{"msg":"listening"}',
    "listening on http://127.0.0.1:1",
    '{"msg":"listening", broken',
  ])("ignores %s", (line) => {
    expect(parseReadyLine(line)).toBeUndefined();
  });
});

describe("isClosedLine", () => {
  it("recognises a service's `stopped` line", () => {
    expect(isClosedLine('{"level":30,"time":1,"msg":"stopped"}')).toBe(true);
  });

  it.each(['{"level":30,"msg":"shutting down","reason":"SIGTERM"}', '{"msg":"order stopped"}', "stopped", '{"msg":"stopped", broken'])("ignores %s", (line) => {
    expect(isClosedLine(line)).toBe(false);
  });
});
