// The people of an organisation and its invitations, for /settings/users.
import "server-only";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { invitations, organizations, users } from "@/db/schema";
import { hashInvitationToken } from "./invitation-token";

export function listOrganizationUsers(db: Db, organizationId: string) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      deactivatedAt: users.deactivatedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.organizationId, organizationId))
    .orderBy(asc(sql`lower(${users.email})`));
}

/** Invitations neither accepted nor withdrawn, newest first (expired ones too, said so). */
export function listOpenInvitations(db: Db, organizationId: string) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      invitedByEmail: invitations.invitedByEmail,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, organizationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}

/** The invitation a link names, if it can still be used at `now`; else null, whatever why. */
export async function findUsableInvitation(db: Db, token: string, now = new Date()) {
  const [row] = await db
    .select({
      id: invitations.id,
      organizationId: invitations.organizationId,
      organizationName: organizations.name,
      email: invitations.email,
      role: invitations.role,
      invitedByEmail: invitations.invitedByEmail,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(eq(invitations.tokenHash, hashInvitationToken(token)));
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt <= now) return null;
  return row;
}
