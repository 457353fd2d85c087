// The production HTTP server: static assets, the origin check (CSRF) and the Remix handler.
// Honours PORT (default 3000) and HOST (default 0.0.0.0; tests use 127.0.0.1).
import "dotenv/config";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import morgan from "morgan";
import { createRequestHandler } from "@remix-run/express";
import { isSameOriginRequest } from "./origin-check.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function createServer() {
  const build = await import(pathToFileURL(path.join(root, "build/index.js")).href);
  const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "true");
  app.use(compression());
  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  if (process.env.LOG_REQUESTS !== "false") app.use(morgan("tiny"));
  app.use((req, res, next) => {
    const ok = isSameOriginRequest(
      { method: req.method, origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site"), host: req.get("host"), protocol: req.protocol },
      allowedOrigins,
    );
    if (ok) return next();
    res.status(403).type("text/plain; charset=utf-8").send("Anfrage abgelehnt: fremde Herkunft (Origin).");
  });
  app.all("*", createRequestHandler({ build, mode: build.mode }));
  return app;
}

export async function startServer() {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  const app = await createServer();
  app.listen(port, host, () => {
    console.log(`Lernreise läuft auf http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
  });
  // E-mail delivery and session reminders run beside the server, never inside a request
  // (app/modules/notifications/worker.server.ts; MAIL_WORKER=off switches them off).
  const build = await import(pathToFileURL(path.join(root, "build/index.js")).href);
  build.entry.module.startServerWorker?.();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await startServer();
