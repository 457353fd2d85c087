import path from "node:path";
import { defineConfig } from "vitest/config";

// Browser tests: Debian's Chromium via playwright-core against the built app on 127.0.0.1.
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    globals: true,
    environment: "node",
    globalSetup: ["tests/e2e/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
