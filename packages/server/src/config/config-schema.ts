import { parseApiDuration } from "@skein/model";
import { z } from "zod";
import { STORAGE_KIND_NAMES } from "../components.js";
import { parseByteSize } from "./byte-size.js";
import { parseRetentionDuration, retentionDurationHint } from "./retention-duration.js";

/**
 * THE configuration of `skein start`: defaults live here and nowhere else. Values may arrive as
 * text (flags, env) or typed (YAML), so numeric keys accept digit strings and byte sizes accept
 * "512MiB"-style text. Unknown keys are rejected. Sources are merged by load-config.ts.
 */

/** Digit strings become numbers; anything else is left for the schema to refuse. */
function integerFromText(value: unknown): unknown {
  return typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
}

function bytesFromText(value: unknown): unknown {
  return typeof value === "string" ? (parseByteSize(value) ?? value) : value;
}

/** "a, b" (flag/env) becomes ["a", "b"]; YAML lists pass through. */
function listFromText(value: unknown): unknown {
  return typeof value === "string" ? value.split(",").map((item) => item.trim()).filter((item) => item !== "") : value;
}

/**
 * "7d" becomes milliseconds; YAML numbers are judged as text, so only 0 passes without a unit.
 * A text with its own reason to be refused ("1M") gets that reason instead of "allowed: …".
 */
function durationFromText(value: unknown, context: z.core.$RefinementCtx): unknown {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string") return text;
  const hint = retentionDurationHint(text);
  if (hint !== undefined) context.addIssue({ code: "custom", message: hint });
  return parseRetentionDuration(text) ?? text;
}

/** A YAML number (a numeric password) is text like any other. */
function textFromNumber(value: unknown): unknown {
  return typeof value === "number" ? String(value) : value;
}

/** "10s", "500ms" (the API's duration syntax) become milliseconds within [minMs, maxMs]. */
const intervalMs = (minMs: number, maxMs: number) =>
  z.preprocess((value) => {
    if (typeof value !== "string") return value;
    const nanos = parseApiDuration(value.trim());
    return nanos === undefined ? value : Number(nanos / 1_000_000n);
  }, z.number().int().min(minMs).max(maxMs));

const port = z.preprocess(integerFromText, z.number().int().min(0).max(65535));
const bytes = (min: number) => z.preprocess(bytesFromText, z.number().int().min(min));

/** "*" or a scheme://host[:port] origin, as browsers send in the Origin header. */
/** http(s)://host[:port][/path]: what @clickhouse/client takes as `url`. */
const httpUrl = z.string().trim().regex(/^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i);
/** ClickHouse database and cluster names are spliced into SQL as identifiers, so they are restricted, never escaped. */
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/);

const ORIGIN = /^(\*|https?:\/\/[^/\s?#]+)$/;

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export const skeinConfigSchema = z
  .strictObject({
    /** Relative paths are resolved against the working directory by loadConfig. */
    dataDir: z.string().trim().min(1).default("./skein-data"),
    /**
     * Loopback by default, as Jaeger v2's all-in-one does (JAEGER_LISTEN_HOST=localhost, switched
     * to 0.0.0.0 only in its container image): a tracing store receives payloads and serves them
     * unauthenticated, so exposing it to the network must be a deliberate choice (--host 0.0.0.0,
     * which a container image sets through SKEIN_HOST).
     */
    host: z.string().trim().min(1).default("127.0.0.1"),
    httpPort: port.default(16686),
    otlpHttpPort: port.default(4318),
    otlpGrpcPort: port.default(4317),
    /** Bytes, after decompression; OTLP/HTTP answers 413 and gRPC RESOURCE_EXHAUSTED beyond it. */
    maxRequestBytes: bytes(1024).default(16 * 2 ** 20),
    /** Origins allowed by CORS on the OTLP/HTTP receiver; none by default (browser SDKs refused). */
    corsOrigins: z.preprocess(listFromText, z.array(z.string().regex(ORIGIN))).default([]),
    storage: z.enum(STORAGE_KIND_NAMES).default("duckdb"),
    /** Bytes; passed to the engine (DuckDB memory_limit). */
    storageMemoryLimit: bytes(16 * 2 ** 20).default(2 ** 30),
    /** Milliseconds; 0 keeps everything. Spans by start time, log records by time (see RetentionScheduler). */
    retention: z.preprocess(durationFromText, z.number().int().min(0)).default(0),
    /** The `clickhouse*` keys configure --storage clickhouse and are ignored by other kinds. */
    clickhouseUrl: httpUrl.default("http://localhost:8123"),
    clickhouseUser: z.preprocess(textFromNumber, z.string().trim().min(1)).default("default"),
    /** A secret: never logged, shown as *** in configuration errors. */
    clickhousePassword: z.preprocess(textFromNumber, z.string()).default(""),
    clickhouseDatabase: identifier.default("skein"),
    clickhouseCluster: identifier.optional(),
    /** Every shard of clickhouseCluster; required with it (checked below). */
    clickhouseShardUrls: z.preprocess(listFromText, z.array(httpUrl)).default([]),
    /**
     * Bytes of the ClickHouse adapter's on-disk spool; writes are refused with 503 beyond it. At
     * least 1 MiB: a smaller spool holds about one batch and turns any hiccup into refusals.
     */
    clickhouseSpoolLimit: bytes(2 ** 20).default(2 ** 30),
    /** The span-metrics and service-graph processors; "off" only to measure their cost or save CPU. */
    spanMetrics: z.enum(["on", "off"]).default("on"),
    /** Milliseconds between rollup writes; what a kill -9 can lose of the rollups (never of spans). */
    spanMetricsFlushInterval: intervalMs(100, 60_000).default(10_000),
    /** Whether this node evaluates alert rules (the rules API answers either way). */
    alerts: z.enum(["on", "off"]).default("on"),
    /** Milliseconds between alert rule evaluations. */
    alertInterval: intervalMs(100, 3_600_000).default(60_000),
    /** Base URL of the UI in alert links; undefined: http://<host>:<httpPort> as bound. */
    publicUrl: httpUrl.optional(),
    logLevel: z.enum(LOG_LEVELS).default("info"),
  })
  .superRefine((config, context) => {
    // Each listener needs its own port on the shared host; 0 is always distinct.
    const ports = [["httpPort", config.httpPort], ["otlpHttpPort", config.otlpHttpPort], ["otlpGrpcPort", config.otlpGrpcPort]] as const;
    for (let i = 0; i < ports.length; i++) {
      for (let j = 0; j < i; j++) {
        if (ports[i][1] !== 0 && ports[i][1] === ports[j][1]) {
          context.addIssue({ code: "custom", path: [ports[i][0]], message: `port ${ports[i][1]} is also ${ports[j][0]}; every listener needs its own port` });
        }
      }
    }
    // The clickhouse* keys are ignored by other storage kinds, so their combinations are too: an
    // environment set up for ClickHouse must not stop `skein start` on DuckDB.
    if (config.storage !== "clickhouse") return;
    if (config.clickhouseCluster !== undefined && config.clickhouseShardUrls.length === 0) {
      context.addIssue({
        code: "custom",
        path: ["clickhouseCluster"],
        message: "a cluster needs clickhouseShardUrls (--clickhouse-shard-urls or SKEIN_CLICKHOUSE_SHARD_URLS): the HTTP URL of every shard, comma-separated",
      });
    }
    if (config.clickhouseCluster === undefined && config.clickhouseShardUrls.length > 0) {
      context.addIssue({
        code: "custom",
        path: ["clickhouseShardUrls"],
        message: "shard URLs are only used with clickhouseCluster (--clickhouse-cluster); name the cluster or remove them",
      });
    }
  });

export type SkeinConfig = z.output<typeof skeinConfigSchema>;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The defaults, for help texts and tests. */
export function defaultConfig(): SkeinConfig {
  return skeinConfigSchema.parse({});
}
