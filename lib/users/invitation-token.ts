// An invitation's secret: 32 random bytes in the link, only their SHA-256 in the database, so a
// copy of the database does not let anyone join an organisation.
import { createHash, randomBytes } from "node:crypto";

export const INVITATION_LIFETIME_MS = 7 * 24 * 3_600_000;

export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The path a person opens to accept an invitation. */
export function invitationPath(token: string): string {
  return `/invitations/${token}`;
}
