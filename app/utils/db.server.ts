// The one Prisma client of the server. Both generated clients are bundled; DATABASE_URL picks
// one at start-up (docs/decisions/003). Types come from the SQLite client, which has the same
// models; provider-specific query features are not used.
import { PrismaClient as SqliteClient } from "~/generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "~/generated/postgresql/client.ts";
import { postgresAdapter, sqliteAdapter } from "../../prisma/adapters.js";
import { getEnv } from "./env.server.ts";

export type Db = InstanceType<typeof SqliteClient>;
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function isPostgres(url: string) {
  return url.startsWith("postgres");
}

export function createDb(url: string): Db {
  if (isPostgres(url)) {
    return new PostgresClient({ adapter: postgresAdapter(url) }) as unknown as Db;
  }
  return new SqliteClient({ adapter: sqliteAdapter(url) });
}

declare global {
  // eslint-disable-next-line no-var
  var __lernreiseDb: Db | undefined;
}

// Kept on globalThis so `remix dev` reloads do not open a new pool each time.
export const db: Db = (globalThis.__lernreiseDb ??= createDb(getEnv().DATABASE_URL));
