import { diag, DiagLogLevel } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { configureQueueSpans, queueSpanSettings, resetQueueSpans } from "./queue-settings.js";

afterEach(() => resetQueueSpans());

describe("queue span settings", () => {
  it("default to not parenting consumer spans", () => {
    expect(queueSpanSettings({})).toEqual({ parentConsumerSpans: false });
  });

  it.each([
    ["true", true],
    ["1", true],
    [" TRUE ", true],
    ["false", false],
    ["0", false],
    ["", false],
  ])("read SKEIN_PARENT_CONSUMER_SPANS=%j as %s", (value, expected) => {
    expect(queueSpanSettings({ SKEIN_PARENT_CONSUMER_SPANS: value }).parentConsumerSpans).toBe(expected);
  });

  it("treat another value as unset (a typo never stops message processing) and warn once about it", () => {
    const warnings: string[] = [];
    const collect = (message: string) => void warnings.push(message);
    diag.setLogger({ error: collect, warn: collect, info: collect, debug: collect, verbose: collect }, DiagLogLevel.WARN);
    try {
      expect(queueSpanSettings({ SKEIN_PARENT_CONSUMER_SPANS: "yes" }).parentConsumerSpans).toBe(false);
      expect(queueSpanSettings({ SKEIN_PARENT_CONSUMER_SPANS: "yes" }).parentConsumerSpans).toBe(false);
    } finally {
      diag.disable();
    }
    expect(warnings).toEqual([expect.stringMatching(/^SKEIN_PARENT_CONSUMER_SPANS="yes" is not a boolean; use true or false/)]);
  });

  it("prefer configured values over the environment; undefined keeps the current value", () => {
    configureQueueSpans({ parentConsumerSpans: false });
    configureQueueSpans({ parentConsumerSpans: undefined });
    expect(queueSpanSettings({ SKEIN_PARENT_CONSUMER_SPANS: "true" }).parentConsumerSpans).toBe(false);
    configureQueueSpans({ parentConsumerSpans: true });
    expect(queueSpanSettings({}).parentConsumerSpans).toBe(true);
  });
});
