import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./main.js";

describe("createLogger", () => {
  it("writes no configured password (key, URL or shard URL) and no URL password into any line", () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const logger = createLogger(
      { logLevel: "info", clickhousePassword: "key-secret", clickhouseUrl: "http://skein:url-secret@ch:8123", clickhouseShardUrls: ["http://skein:shard%22secret@ch1:8123"] },
      stream,
    );
    const api = logger.child({ component: "api" });
    api.error({ err: new Error('ClickHouse at http://skein:url-secret@ch:8123 failed; shard said shard"secret; key-secret') }, "query API GET /api/v1/services failed");
    logger.info({ url: "http://other:not-configured@h:1" }, "started");
    expect(lines).toHaveLength(2);
    const text = lines.join("");
    for (const secret of ["key-secret", "url-secret", 'shard\\"secret', "not-configured"]) expect(text).not.toContain(secret);
    expect(JSON.parse(lines[0]!)).toMatchObject({ component: "api", err: { message: "ClickHouse at http://skein:***@ch:8123 failed; shard said ***; ***" } });
  });
});
