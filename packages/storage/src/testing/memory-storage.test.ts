// Relative imports: inside its own package a test must not go through the exports map (which
// vitest may resolve to a stale dist/).
import { runStorageConformance } from "../conformance/index.js";
import { MemoryStorage } from "./memory-storage.js";

runStorageConformance({
  name: "memory",
  create: () => new MemoryStorage(),
  persistent: false,
});
