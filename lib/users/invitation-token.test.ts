import { expect, it } from "vitest";
import { hashInvitationToken, invitationPath, newInvitationToken } from "./invitation-token";

it("makes a fresh URL-safe token each time and stores only its hash", () => {
  const a = newInvitationToken();
  const b = newInvitationToken();
  expect(a.token).not.toBe(b.token);
  expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(a.hash).toBe(hashInvitationToken(a.token));
  expect(a.hash).not.toContain(a.token);
  expect(invitationPath(a.token)).toBe(`/invitations/${a.token}`);
});
