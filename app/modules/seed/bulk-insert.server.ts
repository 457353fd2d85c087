import type { Tx } from "~/utils/db.server.ts";

type Value = string | number | boolean | Date | null;

/**
 * Multi-row INSERT for seeding large synthetic administrations: about twice as fast as
 * createMany through the JS query compiler. Columns are trusted identifiers from our own code.
 */
export async function bulkInsert(
  tx: Tx,
  dialect: "sqlite" | "postgresql",
  table: string,
  rows: Record<string, Value>[],
  chunkSize = 400,
) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const quoted = columns.map((c) => `"${c}"`).join(", ");
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const args: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = columns.map((column) => {
        const value = row[column] ?? null;
        args.push(dialect === "sqlite" ? (value instanceof Date ? value.toISOString() : typeof value === "boolean" ? (value ? 1 : 0) : value) : value);
        return dialect === "sqlite" ? "?" : `$${args.length}`;
      });
      return `(${marks.join(", ")})`;
    });
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${quoted}) VALUES ${tuples.join(", ")}`, ...args);
  }
}
