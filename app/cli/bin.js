#!/usr/bin/env node
// Entry of the `lernreise` command: runs the TypeScript CLI through tsx, with the project's
// tsconfig (path aliases) wherever it is called from.
import "dotenv/config";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import("./lernreise.ts");
process.exitCode = await main(process.argv);
