// Child process of spool-lock.test.ts: opens the spool at argv[2], appends one write, prints
// "OPEN <instance>" and then waits until it is killed (or, on stdin "close", closes and exits).
import { makeSpan, traceIdOf } from "@skein/storage/testing";
import { encodeSpanWrite, newIngestId } from "../../encoded-write.js";
import { Spool } from "../spool.js";

const spool = new Spool(process.argv[2]!, 1 << 20);
await spool.open();
await spool.append(encodeSpanWrite([makeSpan({ traceId: traceIdOf(77), name: "held" })], newIngestId()));
process.stdout.write(`OPEN ${spool.instance}\n`);
process.stdin.on("data", (data: Buffer) => {
  if (data.toString().includes("close")) void spool.close().then(() => process.exit(0));
});
