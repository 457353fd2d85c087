// Driver adapters for the Prisma CLI (migrate) and the app. Plain JS so that both the CLI
// config (loaded by Prisma) and the app (bundled by Remix) can import it.
import path from "node:path";
import { mkdirSync } from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

/** Resolves `file:PATH` against the working directory and makes sure the folder exists. */
export function sqliteFilePath(url) {
  if (!url.startsWith("file:")) throw new Error(`Not a SQLite URL: ${url}`);
  const raw = url.slice("file:".length);
  if (raw === ":memory:") return raw;
  const file = path.resolve(process.cwd(), raw);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

export function sqliteAdapter(url) {
  return new PrismaBetterSQLite3({ url: sqliteFilePath(url) });
}

/**
 * The wasm schema engine sends a whole migration file to the shadow database as one
 * executeRaw without parameters; better-sqlite3 refuses more than one statement per call.
 * Routing those calls through executeScript fixes `migrate diff --from-migrations`.
 */
export function sqliteMigrationAdapter(url) {
  const factory = sqliteAdapter(url);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const shadow = await connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) =>
      query.args.length === 0 ? (await shadow.executeScript(query.sql), 0) : executeRaw(query);
    return shadow;
  };
  return factory;
}

function pgConfig(url) {
  const u = new URL(url);
  // Discrete values, not a connectionString: with a connection string the adapter's shadow
  // database silently was the main database (stack.md).
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
    idleTimeoutMillis: 100,
  };
}

export function postgresAdapter(url) {
  const u = new URL(url);
  const schema = u.searchParams.get("schema") ?? undefined;
  return new PrismaPg({ connectionString: url }, schema ? { schema } : undefined);
}

let pgPatched = false;
/**
 * Migrate reads catalog columns of type `name`/`char` (OIDs 19/18) that the adapter cannot map
 * (prisma/orm#27403). Reporting them as text (OID 25) lets every migrate command run.
 */
export function postgresMigrationAdapter(url) {
  const factory = new PrismaPg(pgConfig(url));
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  const patch = (adapter) => {
    if (pgPatched) return adapter;
    let proto = Object.getPrototypeOf(adapter);
    while (proto && !Object.prototype.hasOwnProperty.call(proto, "performIO")) proto = Object.getPrototypeOf(proto);
    if (!proto) throw new Error("adapter-pg changed: performIO not found");
    const performIO = proto.performIO;
    proto.performIO = async function (query) {
      const result = await performIO.call(this, query);
      for (const field of result.fields ?? []) {
        if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
      }
      return result;
    };
    pgPatched = true;
    return adapter;
  };
  factory.connect = async () => patch(await connect());
  factory.connectToShadowDb = async () => patch(await connectToShadowDb());
  return factory;
}
