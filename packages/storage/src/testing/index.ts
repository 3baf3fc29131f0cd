export { MemoryStorage, memoryStorageAdapter } from "./memory-storage.js";
export { BASE_TIME_NANO, attrs, collect, makeLog, makeResource, makeScope, makeSpan, spanIdOf, traceIdOf } from "./fixtures.js";
export { HOSTILE_STRINGS, everyValueType, richLogs, richSpan } from "./rich-fixtures.js";
