#!/usr/bin/env node
// `npm run test:pg`: the module and loader/action tests against PostgreSQL at TEST_DATABASE_URL
// (start a local cluster with `eval "$(bash .ci/pg-start.sh)"`). The schema is reset first.
import { spawnSync } from "node:child_process";

const url = process.env.TEST_DATABASE_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  console.error("test:pg: Bitte TEST_DATABASE_URL=postgresql://… setzen (z. B. eval \"$(bash .ci/pg-start.sh)\").");
  process.exit(2);
}
const result = spawnSync("npx", ["vitest", "run", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, LERNREISE_TEST_PG: "1" },
});
process.exit(result.status ?? 1);
