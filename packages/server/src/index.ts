// Public surface of @skein/server: run the server in-process (e2e, bench) and its config.
export { createLogger, startSkein, type RunningSkein } from "./main.js";
export { receivers, storageKinds, STORAGE_KIND_NAMES, type Receiver, type ReceiverEntry, type StorageKind } from "./components.js";
export { loadConfig, type ConfigInputs } from "./config/load-config.js";
export { defaultConfig, skeinConfigSchema, LOG_LEVELS, type LogLevel, type SkeinConfig } from "./config/config-schema.js";
export { CONFIG_KEYS, type ConfigKey, type ConfigKeySpec } from "./config/config-keys.js";
export { formatByteSize, parseByteSize } from "./config/byte-size.js";
export { ConfigError } from "./config/config-error.js";
export { ConsumerClosedError, OverloadedError, StartupError } from "./pipeline/errors.js";
export type { Consumer } from "./pipeline/consumer.js";
export { StorageWriterConsumer, DEFAULT_MAX_ROWS_IN_FLIGHT, type StorageWriterConsumerOptions } from "./store/storage-writer-consumer.js";
export { loadStorageAdapter } from "./store/storage-registry.js";
export { runCli } from "./cli/run-cli.js";
export { formatReadyBanner, type ReadyBannerInput } from "./cli/ready-banner.js";
export { MeteredStorage, PrometheusReceiverTelemetry, createMetricsRegistry, registerMetricsRoute } from "./self-metrics/index.js";
