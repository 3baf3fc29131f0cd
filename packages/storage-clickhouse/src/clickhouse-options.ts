import { z } from "zod";
import { ClickHouseOptionsError } from "./errors.js";
import { IDENTIFIER } from "./table-names.js";

const GIB = 1024 ** 3;

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });
const identifier = z.string().regex(IDENTIFIER, "must be a plain identifier: a letter or _, then letters, digits and _ (at most 64)");
const positiveInt = z.number().int("must be a whole number").positive("must be positive");

/**
 * The adapter's `StorageOptions.options` (unknown keys rejected). On one server, `url` is where
 * everything goes. On a cluster (`cluster` set), queries and inserts still go to `url` — any
 * server that knows the cluster, typically a shard of it — through Distributed tables, and the
 * schema is created on every server of `shardUrls` (and on `url`).
 */
export const clickHouseOptionsSchema = z
  .strictObject({
    url: httpUrl.default("http://localhost:8123"),
    user: z.string().default("default"),
    password: z.string().default(""),
    database: identifier.default("skein"),
    /** A cluster of the servers' remote_servers config; its Distributed tables span the shards. */
    cluster: identifier.optional(),
    /** HTTP URLs of every shard server of `cluster`, where the local tables are created (an empty list without cluster is ignored). */
    shardUrls: z.array(httpUrl).optional(),
    /** Bytes the on-disk spool (`<dataDir>/clickhouse-spool`) may hold; beyond it writes are refused. */
    spoolMaxBytes: positiveInt.default(GIB),
    /** Time limit of one request to ClickHouse, in ms. */
    requestTimeoutMs: positiveInt.default(30_000),
    /** How long a write waits for ClickHouse to confirm before it is spooled instead, in ms. */
    insertTimeoutMs: positiveInt.default(2_000),
  })
  .superRefine((options, ctx) => {
    if (options.cluster !== undefined && (options.shardUrls === undefined || options.shardUrls.length === 0)) {
      ctx.addIssue({ code: "custom", path: ["shardUrls"], message: "is required with cluster: list the HTTP URL of every shard server" });
    }
    if (options.cluster === undefined && options.shardUrls !== undefined && options.shardUrls.length > 0) {
      ctx.addIssue({ code: "custom", path: ["shardUrls"], message: "is only used with cluster: set cluster too, or remove shardUrls" });
    }
  });

export type ClickHouseOptions = z.output<typeof clickHouseOptionsSchema>;

/** Validated options with defaults applied; ClickHouseOptionsError naming every bad key otherwise. */
export function parseClickHouseOptions(input: Record<string, unknown> | undefined): ClickHouseOptions {
  const result = clickHouseOptionsSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") return `unknown option${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
    const key = issue.path.map(String).join(".") || "(options)";
    return `option "${key}" ${issue.message}`;
  });
  return fail(problems);
}

function fail(problems: string[]): never {
  throw new ClickHouseOptionsError(`invalid clickhouse storage options: ${problems.join("; ")}`);
}

/** The servers the schema is applied to: every shard on a cluster (and `url`), else just `url`; without duplicates. */
export function schemaUrls(options: ClickHouseOptions): string[] {
  return [...new Set([...(options.shardUrls ?? []), options.url].map((u) => u.replace(/\/+$/, "")))];
}

/** Where and as whom to log in: a URL without user info, safe to show in messages and logs. */
export interface ClickHouseLogin {
  url: string;
  user: string;
  password: string;
}

/**
 * Takes the credentials out of `url`: a user or password in it overrides `user` / `password`
 * (percent-decoded, as @clickhouse/client would read them), and the returned `url` has no user
 * info. A URL without user info (or one that does not parse) comes back unchanged.
 * ClickHouseOptionsError if the user info is not valid percent-encoding; the message never
 * holds the password.
 */
export function loginFromUrl(url: string, user: string, password: string): ClickHouseLogin {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, user, password };
  }
  if (parsed.username === "" && parsed.password === "") return { url, user, password };
  let login: ClickHouseLogin;
  try {
    login = {
      url: "",
      user: parsed.username === "" ? user : decodeURIComponent(parsed.username),
      password: parsed.password === "" ? password : decodeURIComponent(parsed.password),
    };
  } catch {
    throw new ClickHouseOptionsError("the user or password in a ClickHouse URL is not valid percent-encoding (a `%` must start `%XX`)");
  }
  parsed.username = "";
  parsed.password = "";
  // new URL() adds "/" to a bare origin: keep the URL as it was written otherwise.
  login.url = parsed.pathname === "/" && parsed.search === "" && parsed.hash === "" && !url.endsWith("/") ? parsed.origin : parsed.href;
  return login;
}
