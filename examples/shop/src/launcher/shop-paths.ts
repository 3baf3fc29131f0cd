// Where the launcher finds what it runs. Services always run from the BUILT dist/ (also when the
// launcher itself runs from source under Vitest), each with `--import @skein/node/register`.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ShopError } from "../errors.js";
import type { ShopServiceName } from "../shop-contract.js";

/** examples/shop, from src/launcher/ or dist/launcher/ alike. */
const SHOP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface ShopPaths {
  root: string;
  /** `file:` URL of @skein/node's built register module, for `node --import`. */
  registerUrl: string;
  script(service: ShopServiceName): string;
  /** The built nats-guard.js, which runs nats-server (see nats-guard.ts). */
  natsGuard: string;
}

/**
 * The file a package's `exports[subpath].default` names — what plain `node` loads. Resolved from
 * here rather than from the child's cwd, so the shop starts from any directory; and read from the
 * exports map rather than require.resolve'd, because under Vitest this process runs with
 * `--conditions source` and would resolve the TypeScript source, which a child cannot run.
 */
function builtExport(packageName: string, subpath: string): string {
  // Any export of the package leads to its root: walk up to the package.json naming it.
  let dir = dirname(createRequire(import.meta.url).resolve(packageName));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; exports?: Record<string, { default?: string }> };
      if (pkg.name === packageName) {
        const target = pkg.exports?.[subpath]?.default;
        if (!target) throw new Error(`${packageName} has no export ${subpath}`);
        const file = join(dir, target);
        if (!existsSync(file)) throw new Error(`${file} does not exist`);
        return file;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json of ${packageName} found`);
    dir = parent;
  }
}

export function locateShop(services: readonly ShopServiceName[]): ShopPaths {
  const script = (service: ShopServiceName) => join(SHOP_ROOT, "dist", "services", service, `${service}-service.js`);
  const natsGuard = join(SHOP_ROOT, "dist", "launcher", "nats-guard.js");
  const missing = [...services.map(script), natsGuard].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new ShopError(
      "SKEIN_ERR_SHOP_NOT_BUILT",
      `the demo shop is not built (missing ${missing.join(", ")}): run "npx tsc -b examples/shop" (or "npm run build")`,
    );
  }
  let registerPath: string;
  try {
    registerPath = builtExport("@skein/node", "./register");
  } catch (error) {
    throw new ShopError(
      "SKEIN_ERR_SHOP_NOT_BUILT",
      `@skein/node/register cannot be loaded (${(error as Error).message}): run "npx tsc -b packages/node" (or "npm run build")`,
      { cause: error },
    );
  }
  return { root: SHOP_ROOT, registerUrl: pathToFileURL(registerPath).href, script, natsGuard };
}
