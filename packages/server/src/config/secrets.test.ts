import { describe, expect, it } from "vitest";
import { configuredSecrets, maskUrlPasswords, redactJsonLine, redactSecrets } from "./secrets.js";

describe("secrets", () => {
  it("collects the password key and the passwords of the URL and of every shard URL, raw and decoded", () => {
    const secrets = configuredSecrets({
      clickhousePassword: "key-pw",
      clickhouseUrl: "http://skein:url%40pw@ch:8123",
      clickhouseShardUrls: ["http://a:shard-one@ch1:8123", "http://ch2:8123", "http://b:sh%C3%A4rd@ch3:8123", "not a url"],
    });
    expect(secrets.sort()).toEqual(["key-pw", "sh%C3%A4rd", "shard-one", "shärd", "url%40pw", "url@pw"].sort());
    expect(configuredSecrets({ clickhousePassword: "", clickhouseUrl: "http://ch:8123", clickhouseShardUrls: [] })).toEqual([]);
    expect(configuredSecrets({ clickhouseUrl: "http://u:bad%zz@ch:8123" })).toEqual(["bad%zz"]);
  });

  it("masks the password of every URL in a text, keeping the user", () => {
    expect(maskUrlPasswords("http://skein:pw@ch:8123/x")).toBe("http://skein:***@ch:8123/x");
    expect(maskUrlPasswords('["http://a:p1@h1:8123","https://h2:8443","http://b:p@2@h3"]')).toBe('["http://a:***@h1:8123","https://h2:8443","http://b:***@h3"]');
    expect(maskUrlPasswords("http://a:p1@h1,http://b:p2@h2")).toBe("http://a:***@h1,http://b:***@h2");
    expect(maskUrlPasswords("http://user-only@h/ and //no-info")).toBe("http://user-only@h/ and //no-info");
  });

  it("redacts configured secrets (longest first) and URL passwords", () => {
    expect(redactSecrets("login pw-long failed (pw) at http://u:other@h", ["pw", "pw-long"])).toBe("login *** failed (***) at http://u:***@h");
  });

  it("redacts the strings of a JSON log line and keeps it valid JSON, whatever the secret", () => {
    const quoted = 'p"w\\1';
    const line = `${JSON.stringify({ level: 40, time: 1700000000123, msg: `refused ${quoted}`, err: { message: "at http://u:x@h", list: ["p\"w\\1!"] } })}\n`;
    expect(redactJsonLine(line, [quoted])).toBe(`${JSON.stringify({ level: 40, time: 1700000000123, msg: "refused ***", err: { message: "at http://u:***@h", list: ["***!"] } })}\n`);
    // A password that is a digit: numbers are left alone, so the line still parses.
    const digits = redactJsonLine(`${JSON.stringify({ time: 1700000000123, msg: "pin 1 refused" })}\n`, ["1"]);
    expect(JSON.parse(digits)).toEqual({ time: 1700000000123, msg: "pin *** refused" });
    // Nothing to hide: the very same text.
    const clean = '{"level":30,"msg":"ok"}\n';
    expect(redactJsonLine(clean, ["secret"])).toBe(clean);
    expect(redactJsonLine("not json secret\n", ["secret"])).toBe("not json ***\n");
  });
});
