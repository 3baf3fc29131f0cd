// Where the built UI lives, for the server to serve. `npm run build` (vite build) fills it.
import { fileURLToPath } from "node:url";

export const uiAssetsDir = fileURLToPath(new URL("./dist/", import.meta.url));
