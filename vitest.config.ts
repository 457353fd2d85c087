import path from "node:path";
import { defineConfig } from "vitest/config";

const postgres = !!process.env.LERNREISE_TEST_PG;

// Module and loader/action tests against a real database: a migrated SQLite template copied per
// test file, or (test:pg) one PostgreSQL database with files run one after another.
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["app/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globals: true,
    environment: "node",
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/per-file.ts"],
    fileParallelism: !postgres,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
