import { defineConfig } from "vitest/config";

// Tests import workspace packages from source (the "source" export condition), so a unit test
// never runs against a stale dist/. Vitest resolves through Vite's SSR resolver, which reads
// `ssr.resolve.conditions`, not the top-level `resolve.conditions`: both are set.
// e2e tests spawn the built `skein` binary: `npm test` builds first.
export default defineConfig({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  // UI component tests (*.test.tsx) opt into a DOM with a `// @vitest-environment jsdom` first line.
  esbuild: { jsx: "automatic" },
  test: {
    include: ["packages/*/src/**/*.test.{ts,tsx}", "examples/*/src/**/*.test.ts", "e2e/**/*.test.ts", "bench/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
