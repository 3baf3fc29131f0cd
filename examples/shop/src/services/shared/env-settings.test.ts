import { describe, expect, it } from "vitest";
import { InvalidSettingError } from "../../errors.js";
import { readBoolean, readHost, readMillis, readPort, readRate, readUrl } from "./env-settings.js";

describe("env settings", () => {
  it("uses the fallback when a variable is absent or blank", () => {
    expect(readRate({}, "R", 0.1)).toBe(0.1);
    expect(readRate({ R: "  " }, "R", 0.2)).toBe(0.2);
    expect(readMillis({}, "M", 400)).toBe(400);
    expect(readPort({}, "PORT", 0)).toBe(0);
    expect(readBoolean({}, "B", false)).toBe(false);
    expect(readHost({})).toBe("127.0.0.1");
  });

  it("parses valid values", () => {
    expect(readRate({ R: "0" }, "R", 0.5)).toBe(0);
    expect(readRate({ R: "1" }, "R", 0.5)).toBe(1);
    expect(readRate({ R: "0.25" }, "R", 0.5)).toBe(0.25);
    expect(readMillis({ M: "1500" }, "M", 0)).toBe(1500);
    expect(readPort({ PORT: "8080" }, "PORT", 0)).toBe(8080);
    expect(readBoolean({ B: "TRUE" }, "B", false)).toBe(true);
    expect(readBoolean({ B: "0" }, "B", true)).toBe(false);
    expect(readUrl({ U: "http://127.0.0.1:9000/" }, "U", ["http:"])).toBe("http://127.0.0.1:9000");
  });

  it.each([
    ["readRate", () => readRate({ SHOP_DECLINE_RATE: "1.5" }, "SHOP_DECLINE_RATE", 0), /SHOP_DECLINE_RATE="1.5": expected a number from 0 to 1/],
    ["readRate", () => readRate({ SHOP_DECLINE_RATE: "ten" }, "SHOP_DECLINE_RATE", 0), /SHOP_DECLINE_RATE="ten"/],
    ["readMillis", () => readMillis({ SHOP_SLOW_INVENTORY_MS: "-5" }, "SHOP_SLOW_INVENTORY_MS", 0), /SHOP_SLOW_INVENTORY_MS="-5": expected a whole number/],
    ["readPort", () => readPort({ PORT: "70000" }, "PORT", 0), /PORT="70000": expected a port from 0 to 65535/],
    ["readBoolean", () => readBoolean({ SHOP_CHECKOUT_RETRY: "maybe" }, "SHOP_CHECKOUT_RETRY", false), /SHOP_CHECKOUT_RETRY="maybe": expected true or false/],
    ["readUrl (missing)", () => readUrl({}, "PAYMENT_URL", ["http:"]), /missing setting PAYMENT_URL: expected a http:\/\/ URL/],
    ["readUrl (protocol)", () => readUrl({ NATS_URL: "http://x:1" }, "NATS_URL", ["nats:"]), /NATS_URL="http:\/\/x:1": expected a nats:\/\/ URL/],
    ["readUrl (garbage)", () => readUrl({ CHECKOUT_URL: "not a url" }, "CHECKOUT_URL", ["http:"]), /CHECKOUT_URL="not a url"/],
  ])("%s rejects an invalid value naming the variable", (_name, read, message) => {
    expect(read).toThrow(InvalidSettingError);
    expect(read).toThrow(message);
  });
});
