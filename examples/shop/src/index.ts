// The demo shop: launcher and load generator (used by `skein demo`, the e2e tests and the bench).
export * from "./shop-contract.js";
export { startShop } from "./shop-launcher.js";
export { runLoad } from "./load/load-generator.js";
export { findNatsServer, isExecutableFile, NATS_INSTALL_COMMAND, type NatsServerLookup } from "./launcher/find-nats-server.js";
export { NatsServerMissingError, ShopError, type ShopErrorCode } from "./errors.js";
export { formatUnexpectedExit, parseUnexpectedExit, type UnexpectedExit } from "./launcher/exit-report.js";
