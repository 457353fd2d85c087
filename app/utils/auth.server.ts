// Sessions with Lucia 3 (docs/decisions/004) and the one permission helper for routes.
import { Lucia, TimeSpan } from "lucia";
import { PrismaAdapter } from "@lucia-auth/adapter-prisma";
import { redirect } from "@remix-run/node";
import { db } from "./db.server.ts";
import { cookieSecure, getEnv } from "./env.server.ts";
import { loadActor } from "~/modules/auth/actor.server.ts";
import { hasPermission, type Actor, type Permission } from "~/modules/auth/permissions.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";

const env = getEnv();

export const lucia = new Lucia(new PrismaAdapter(db.session, db.user), {
  // Idle timeout: Lucia extends a session's expiry on use once half of it has passed.
  sessionExpiresIn: new TimeSpan(env.SESSION_IDLE_MINUTES, "m"),
  sessionCookie: {
    name: "lr_session",
    // A browser-session cookie: the server decides expiry, so no Set-Cookie is needed on extension.
    expires: false,
    attributes: { secure: cookieSecure(env), sameSite: "lax" },
  },
  getSessionAttributes: (attributes) => ({ createdAt: attributes.createdAt }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseSessionAttributes: { createdAt: Date };
  }
}

export async function createLoginSession(userId: string) {
  const session = await lucia.createSession(userId, { createdAt: new Date() });
  // Lucia's `expires: false` still writes a 400-day Max-Age; drop it so the cookie ends with the
  // browser session. The server-side idle and absolute limits apply either way.
  return lucia
    .createSessionCookie(session.id)
    .serialize()
    .replace(/;\s*Max-Age=\d+/i, "")
    .replace(/;\s*Expires=[^;]+/i, "");
}

async function validate(request: Request) {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return null;
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return null;
  const age = Date.now() - new Date(session.createdAt).getTime();
  if (age > env.SESSION_ABSOLUTE_HOURS * 3_600_000) {
    await lucia.invalidateSession(session.id);
    return null;
  }
  return { session, userId: user.id };
}

export async function getOptionalActor(request: Request): Promise<Actor | null> {
  const validated = await validate(request);
  return validated ? loadActor(db, validated.userId) : null;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  return redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`, {
    headers: { "Set-Cookie": lucia.createBlankSessionCookie().serialize() },
  });
}

export async function requireActor(request: Request): Promise<Actor> {
  const actor = await getOptionalActor(request);
  if (!actor) throw loginRedirect(request);
  return actor;
}

/** Authenticates and checks a role permission; row-level checks follow in the module. */
export async function requireUserWithPermission(request: Request, permission: Permission): Promise<Actor> {
  const actor = await requireActor(request);
  if (!hasPermission(actor.roles, permission)) {
    throw new Response("Keine Berechtigung", { status: 403 });
  }
  return actor;
}

export async function logout(request: Request) {
  const validated = await validate(request);
  if (validated) {
    await lucia.invalidateSession(validated.session.id);
    await db.$transaction((tx) =>
      recordAudit(tx, { actorUserId: validated.userId, action: "auth.logout", entityType: "User", entityId: validated.userId }),
    );
  }
  return lucia.createBlankSessionCookie().serialize();
}

/** Only local paths, so a crafted redirectTo cannot send people elsewhere. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (!to || typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
