import { describe, expect, it } from "vitest";
import { frameHeader, validFramesLength } from "./span-log-frame.js";

function frame(text: string): Buffer {
  const body = Buffer.from(text);
  return Buffer.concat([frameHeader(body), body]);
}

describe("span log frames", () => {
  const a = frame('{"t":"01"}\n{"t":"02"}\n');
  const b = frame('{"t":"03","n":"é ✓"}\n');

  it("accepts a file of whole frames", () => {
    expect(validFramesLength(Buffer.concat([a, b]))).toBe(a.length + b.length);
    expect(validFramesLength(Buffer.alloc(0))).toBe(0);
  });

  it("cuts a torn tail: a partial header or a partial body", () => {
    const whole = Buffer.concat([a, b]);
    for (let cut = a.length + 1; cut < whole.length; cut++) expect(validFramesLength(whole.subarray(0, cut))).toBe(a.length);
  });

  it("cuts at the first frame whose body does not match its checksum, keeping what is before", () => {
    const corrupt = Buffer.concat([a, b, frame('{"t":"04"}\n')]);
    corrupt[a.length + b.length - 3] ^= 0x01; // a byte inside b's body
    expect(validFramesLength(corrupt)).toBe(a.length);
  });

  it("stops at bytes that are not a frame header (e.g. zeros of an unwritten block)", () => {
    expect(validFramesLength(Buffer.concat([a, Buffer.alloc(4096)]))).toBe(a.length);
    expect(validFramesLength(Buffer.from('{"t":"01"}\n'))).toBe(0);
  });
});
