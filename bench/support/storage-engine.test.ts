import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { parseStorageEngine, selectScenarios } from "./storage-engine.js";

const ALL = ["ingest", "storage", "trace-by-id", "search", "ui", "sdk", "insights"];

describe("--storage", () => {
  it("accepts duckdb and clickhouse, case and spaces aside", () => {
    expect(parseStorageEngine("duckdb")).toBe("duckdb");
    expect(parseStorageEngine(" ClickHouse ")).toBe("clickhouse");
  });

  it("refuses other engines, naming the choices", () => {
    expect(() => parseStorageEngine("memory")).toThrow(InvalidArgumentError);
    expect(() => parseStorageEngine("")).toThrow(/duckdb, clickhouse/);
  });
});

describe("scenario selection", () => {
  it("runs everything in order on DuckDB when nothing is named", () => {
    expect(selectScenarios([], ALL, "duckdb")).toEqual({ names: ALL });
  });

  it("runs only the scenarios that use the storage engine on ClickHouse when nothing is named", () => {
    expect(selectScenarios([], ALL, "clickhouse")).toEqual({ names: ["ingest", "storage", "trace-by-id", "search", "insights"] });
  });

  it("keeps the canonical order whatever order they were named in", () => {
    expect(selectScenarios(["search", "ingest"], ALL, "clickhouse")).toEqual({ names: ["ingest", "search"] });
  });

  it("refuses ui and sdk under ClickHouse (they do not use the storage engine) but not on DuckDB", () => {
    const refused = selectScenarios(["storage", "ui"], ALL, "clickhouse");
    expect(refused).toEqual({ error: expect.stringMatching(/^ui .*--storage clickhouse/) as unknown as string });
    expect(selectScenarios(["ui"], ALL, "duckdb")).toEqual({ names: ["ui"] });
  });

  it("names unknown scenarios and the valid ones", () => {
    const r = selectScenarios(["ingest", "nope"], ALL, "duckdb");
    expect("error" in r && r.error).toBe("unknown scenario(s): nope; choose from ingest, storage, trace-by-id, search, ui, sdk, insights");
  });
});
