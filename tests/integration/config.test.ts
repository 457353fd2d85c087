import { parseEnv } from "~/utils/env.server.ts";
import { isSameOriginRequest } from "../../app/server/origin-check.js";

describe("configuration", () => {
  it("has working defaults", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("file:./data/lernreise.db");
    expect(env.SESSION_IDLE_MINUTES).toBe(60);
    expect(env.SESSION_ABSOLUTE_HOURS).toBe(12);
  });
  it("explains what is wrong", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", SESSION_IDLE_MINUTES: "nie" })).toThrowError(/DATABASE_URL[\s\S]*SESSION_IDLE_MINUTES/);
  });
});

describe("origin check (CSRF)", () => {
  const base = { host: "lernreise.example", protocol: "https" };
  it("lets reads and same-origin writes through", () => {
    expect(isSameOriginRequest({ ...base, method: "GET", origin: "https://evil.example" })).toBe(true);
    expect(isSameOriginRequest({ ...base, method: "POST", origin: "https://lernreise.example" })).toBe(true);
    expect(isSameOriginRequest({ ...base, method: "POST", origin: null, secFetchSite: "same-origin" })).toBe(true);
  });
  it("refuses writes from foreign or opaque origins", () => {
    expect(isSameOriginRequest({ ...base, method: "POST", origin: "https://evil.example" })).toBe(false);
    expect(isSameOriginRequest({ ...base, method: "DELETE", origin: "null" })).toBe(false);
    expect(isSameOriginRequest({ ...base, method: "POST", origin: null, secFetchSite: "cross-site" })).toBe(false);
    expect(isSameOriginRequest({ ...base, method: "POST", origin: "http://lernreise.example" })).toBe(false);
  });
  it("accepts configured extra origins", () => {
    expect(isSameOriginRequest({ ...base, method: "POST", origin: "https://portal.example" }, ["https://portal.example"])).toBe(true);
  });
});
