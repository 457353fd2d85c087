import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";

/** Liveness and database status for monitoring: 200 when the database answers, 503 otherwise. */
export async function loader() {
  const started = performance.now();
  const database = getEnv().DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql";
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return Response.json({ status: "ok", database: { kind: database, status: "ok", latencyMs: Math.round(performance.now() - started) } });
  } catch {
    return Response.json({ status: "error", database: { kind: database, status: "unreachable" } }, { status: 503 });
  }
}
