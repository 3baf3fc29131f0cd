import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The UI imports @skein/model/api from TypeScript source (the "source" export condition), so it
// never depends on a stale dist/. `vite` (dev) proxies the API to a running `skein start`.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ["source"] },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1024 },
  server: { proxy: { "/api": process.env.SKEIN_API ?? "http://127.0.0.1:16686" } },
});
