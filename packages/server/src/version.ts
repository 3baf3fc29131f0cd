import { readFileSync } from "node:fs";

/** Skein's version, from the server package's manifest (src/ and dist/ both sit one level below it). */
export const SKEIN_VERSION: string = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
