// The signed-in user, re-read from the database on every request through the server-side
// session, so that sign-out, an idle or expired session, a changed role or a deleted or
// deactivated account takes effect at once.
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db";
import type { SessionUser } from "@/lib/permissions";
import { getAuthOptions } from "./options";
import { resumeUserSession } from "./user-sessions";

/** Once per request (React's cache): the layout, the page and the i18n config all ask. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // Every signed-in page is per request: never prerendered at build time.
  await connection();
  const session = (await getServerSession(getAuthOptions())) as {
    userId?: unknown;
    sessionId?: unknown;
  } | null;
  const { userId, sessionId } = session ?? {};
  if (typeof userId !== "string" || typeof sessionId !== "string") return null;
  return resumeUserSession(await getDb(), { userId, sessionId });
});

/** For pages: the user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}
