// The demo shop: launcher and load generator (used by `skein demo`, the e2e tests and the bench).
export * from "./shop-contract.js";
export { startShop } from "./shop-launcher.js";
export { runLoad } from "./load/load-generator.js";
