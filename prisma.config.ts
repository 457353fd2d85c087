// Prisma CLI configuration for SQLite (the default database). Prisma 6.19 runs its schema
// engine in JavaScript through this driver adapter, so nothing is downloaded (docs/decisions/002).
import "dotenv/config";
import { defineConfig } from "prisma/config";
import { sqliteMigrationAdapter } from "./prisma/adapters.js";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => sqliteMigrationAdapter(process.env.DATABASE_URL ?? "file:./data/lernreise.db"),
});
