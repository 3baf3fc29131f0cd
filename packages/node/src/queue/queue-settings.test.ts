import { diag, DiagLogLevel } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { configureQueueSpans, queueSpanSettings, resetQueueSpans } from "./queue-settings.js";

afterEach(() => {
  resetQueueSpans();
  delete process.env.SKEIN_PARENT_CONSUMER_SPANS;
});

describe("queue span settings", () => {
  it("default to not parenting consumer spans", () => {
    expect(queueSpanSettings()).toEqual({ parentConsumerSpans: false });
  });

  it.each([
    ["true", true],
    ["1", true],
    [" TRUE ", true],
    ["false", false],
    ["0", false],
    ["", false],
  ])("read SKEIN_PARENT_CONSUMER_SPANS=%j as %s", (value, expected) => {
    process.env.SKEIN_PARENT_CONSUMER_SPANS = value;
    expect(queueSpanSettings().parentConsumerSpans).toBe(expected);
  });

  it("read the environment once: a later change is not seen", () => {
    process.env.SKEIN_PARENT_CONSUMER_SPANS = "true";
    expect(queueSpanSettings().parentConsumerSpans).toBe(true);
    process.env.SKEIN_PARENT_CONSUMER_SPANS = "false";
    expect(queueSpanSettings().parentConsumerSpans).toBe(true);
  });

  it("treat another value as false (a typo never stops message processing) and warn once about it", () => {
    const warnings: string[] = [];
    const collect = (message: string) => void warnings.push(message);
    diag.setLogger({ error: collect, warn: collect, info: collect, debug: collect, verbose: collect }, DiagLogLevel.WARN);
    process.env.SKEIN_PARENT_CONSUMER_SPANS = "yes";
    try {
      expect(queueSpanSettings().parentConsumerSpans).toBe(false);
      expect(queueSpanSettings().parentConsumerSpans).toBe(false);
    } finally {
      diag.disable();
    }
    expect(warnings).toEqual(['SKEIN_PARENT_CONSUMER_SPANS="yes" is not a boolean; use true or 1 to turn it on. Treating it as false.']);
  });

  it("prefer configured values (start()'s) over the environment; undefined keeps the current value", () => {
    process.env.SKEIN_PARENT_CONSUMER_SPANS = "true";
    configureQueueSpans({ parentConsumerSpans: false });
    configureQueueSpans({ parentConsumerSpans: undefined });
    expect(queueSpanSettings().parentConsumerSpans).toBe(false);
    configureQueueSpans({ parentConsumerSpans: true });
    expect(queueSpanSettings().parentConsumerSpans).toBe(true);
  });
});
