import type { IncomingHttpHeaders } from "node:http";
import { UnsupportedMediaTypeError } from "./otlp-http-errors.js";

/** OTLP/HTTP body encodings; the response uses the request's. */
export type OtlpEncoding = "protobuf" | "json";

export const CONTENT_TYPES: Record<OtlpEncoding, string> = {
  protobuf: "application/x-protobuf",
  json: "application/json",
};

/** How to read one request body. */
export interface Negotiated {
  encoding: OtlpEncoding;
  gzip: boolean;
}

/**
 * Reads Content-Type (`application/x-protobuf` or `application/json`, parameters allowed; a JSON
 * charset other than UTF-8 is refused) and Content-Encoding (`gzip` or `identity`/absent).
 * Throws UnsupportedMediaTypeError naming what is supported.
 */
export function negotiate(headers: IncomingHttpHeaders): Negotiated {
  return { encoding: encodingOf(headers["content-type"]), gzip: isGzip(headers["content-encoding"]) };
}

function encodingOf(header: string | undefined): OtlpEncoding {
  const supported = `supported: ${CONTENT_TYPES.protobuf}, ${CONTENT_TYPES.json}`;
  if (header === undefined || header.trim() === "") {
    throw new UnsupportedMediaTypeError(`missing Content-Type; ${supported}`);
  }
  const [mediaType = "", ...params] = header.split(";").map((part) => part.trim());
  const type = mediaType.toLowerCase();
  if (type === CONTENT_TYPES.protobuf) return "protobuf";
  if (type === CONTENT_TYPES.json) {
    for (const param of params) {
      const [name = "", value = ""] = param.split("=").map((s) => s.trim().toLowerCase());
      const charset = value.replace(/^"(.*)"$/, "$1");
      if (name === "charset" && charset !== "utf-8" && charset !== "utf8") {
        throw new UnsupportedMediaTypeError(`charset ${JSON.stringify(charset)} is not supported; OTLP/JSON is UTF-8`);
      }
    }
    return "json";
  }
  throw new UnsupportedMediaTypeError(`unsupported Content-Type ${JSON.stringify(clip(header))}; ${supported}`);
}

function isGzip(header: string | undefined): boolean {
  const value = (header ?? "").trim().toLowerCase();
  if (value === "" || value === "identity") return false;
  if (value === "gzip" || value === "x-gzip") return true;
  throw new UnsupportedMediaTypeError(`unsupported Content-Encoding ${JSON.stringify(clip(value))}; supported: gzip, identity`);
}

/** Header values are client input: keep them short in messages and logs. */
function clip(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}…` : value;
}
