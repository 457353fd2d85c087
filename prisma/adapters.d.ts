import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaPg } from "@prisma/adapter-pg";
export function sqliteFilePath(url: string): string;
export function sqliteAdapter(url: string): PrismaBetterSQLite3;
export function sqliteMigrationAdapter(url: string): PrismaBetterSQLite3;
export function postgresAdapter(url: string): PrismaPg;
export function postgresMigrationAdapter(url: string): PrismaPg;
