// Prisma CLI configuration for PostgreSQL (production). Schema and migrations are the
// generated PostgreSQL copies (scripts/pg-schema.js, docs/decisions/003).
import "dotenv/config";
import { defineConfig } from "prisma/config";
import { postgresMigrationAdapter } from "./prisma/adapters.js";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/postgresql/schema.prisma",
  migrations: { path: "prisma/postgresql/migrations" },
  adapter: async () => {
    const url = process.env.DATABASE_URL;
    if (!url?.startsWith("postgres")) throw new Error("DATABASE_URL must be a postgresql:// URL for this config");
    return postgresMigrationAdapter(url);
  },
});
