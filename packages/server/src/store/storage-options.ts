import type { StorageLogger, StorageOptions } from "@skein/storage";
import { storageKinds } from "../components.js";
import type { SkeinConfig } from "../config/config-schema.js";
import { configuredSecrets } from "../config/secrets.js";
import { redactingStorageLogger } from "./redacting-storage-logger.js";

/** A logger that can name its component, as pino's can. */
export interface ComponentLogger {
  child(bindings: { component: string }): StorageLogger;
}

/**
 * What the configured storage adapter is created with. Its logger is the server's, as component
 * "storage", with the configured passwords (clickhousePassword, the passwords of clickhouseUrl
 * and of every clickhouseShardUrls) and any URL password replaced by ***, whatever logger the
 * caller gave: what an adapter logs may quote its URL.
 */
export function storageOptionsFor(config: SkeinConfig, logger: ComponentLogger): StorageOptions {
  const options = storageKinds[config.storage].options(config);
  return {
    dataDir: config.dataDir,
    memoryLimitBytes: config.storageMemoryLimit,
    logger: redactingStorageLogger(logger.child({ component: "storage" }), configuredSecrets(config)),
    ...(options === undefined ? {} : { options }),
  };
}
