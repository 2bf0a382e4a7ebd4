// The signed-in user, re-read from the database on every request so that a changed role or
// a deleted account takes effect at once.
import "server-only";
import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import type { SessionUser } from "@/lib/permissions";
import { getAuthOptions } from "./options";

export async function getSessionUser(): Promise<SessionUser | null> {
  // Every signed-in page is per request: never prerendered at build time.
  await connection();
  const session = (await getServerSession(getAuthOptions())) as { userId?: unknown } | null;
  const userId = session?.userId;
  if (typeof userId !== "string") return null;
  const db = await getDb();
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      organizationId: users.organizationId,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return user ?? null;
}

/** For pages: the user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}
