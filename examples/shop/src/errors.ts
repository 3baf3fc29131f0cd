// Errors of the demo shop, each with a stable code so callers (`skein demo`) can react without
// matching message text, e.g. offer to install nats-server on SKEIN_ERR_NATS_SERVER_MISSING.

export type ShopErrorCode =
  | "SKEIN_ERR_NATS_SERVER_MISSING"
  | "SKEIN_ERR_SHOP_NOT_BUILT"
  | "SKEIN_ERR_SHOP_NOT_READY"
  | "SKEIN_ERR_SHOP_INVALID_OPTION"
  | "SKEIN_ERR_SHOP_INVALID_SETTING";

export class ShopError extends Error {
  constructor(
    readonly code: ShopErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "ShopError";
  }
}

/**
 * nats-server is not where the launcher looks (PATH, /usr/sbin, /usr/bin), or an explicit path is
 * not an executable file. The message says which, and how to install it (launcher/find-nats-server.ts).
 */
export class NatsServerMissingError extends ShopError {
  constructor(message: string) {
    super("SKEIN_ERR_NATS_SERVER_MISSING", message);
  }
}

/** A service setting (environment variable) has a value the service cannot use; the message names it. */
export class InvalidSettingError extends ShopError {
  constructor(message: string) {
    super("SKEIN_ERR_SHOP_INVALID_SETTING", message);
  }
}
