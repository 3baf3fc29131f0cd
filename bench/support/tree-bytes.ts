import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Bytes of every file under `dir` (0 when it does not exist), and each file's size by relative path. */
export function treeBytes(dir: string): { bytes: number; files: Record<string, number> } {
  const files: Record<string, number> = {};
  let bytes = 0;
  if (!existsSync(dir)) return { bytes, files };
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const size = statSync(path).size;
    files[path.slice(dir.length + 1)] = size;
    bytes += size;
  }
  return { bytes, files };
}
