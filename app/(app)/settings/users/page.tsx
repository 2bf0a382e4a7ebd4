import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { findOrganization } from "@/lib/organizations/queries";
import { hasPermission } from "@/lib/permissions";
import { listOpenInvitations, listOrganizationUsers } from "@/lib/users/queries";
import { DataTable } from "@/components/ui/data-table";
import { InviteUserForm } from "@/components/users/invite-user-form";
import {
  ActiveToggle,
  ChangeRoleForm,
  RevokeInvitationButton,
} from "@/components/users/user-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

/** An organisation's people and invitations, for its administrators only. */
export default async function UsersPage() {
  const user = await requireUser();
  if (!hasPermission(user, "user:manage") || !user.organizationId) notFound();
  const [t, format] = await Promise.all([getTranslations("users"), getFormatter()]);
  const db = await getDb();
  const [organization, people, invitations] = await Promise.all([
    findOrganization(db, user.organizationId),
    listOrganizationUsers(db, user.organizationId),
    listOpenInvitations(db, user.organizationId),
  ]);
  const now = new Date();
  return (
    <div className="space-y-6">
      <section aria-labelledby="users-heading" className="space-y-3">
        <h2 id="users-heading" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="max-w-prose text-sm text-slate-600">
          {t("intro", { organization: organization?.name ?? "" })}
        </p>
        <DataTable
          caption={t("title")}
          rows={people}
          rowKey={(p) => p.id}
          rowAttributes={(p) => ({ "data-email": p.email })}
          empty={null}
          cards
          columns={[
            {
              key: "person",
              header: t("columns.person"),
              cell: (p) => (
                <span>
                  <span className="block font-medium">
                    {p.name} {p.id === user.id ? t("you") : null}
                  </span>
                  <span className="block text-slate-600">{p.email}</span>
                </span>
              ),
            },
            {
              key: "role",
              header: t("columns.role"),
              cell: (p) =>
                p.id === user.id ? (
                  t(`roles.${p.role}`)
                ) : (
                  <ChangeRoleForm userId={p.id} email={p.email} role={p.role} />
                ),
            },
            {
              key: "state",
              header: t("columns.state"),
              cell: (p) => (p.deactivatedAt ? t("deactivated") : t("active")),
            },
            {
              key: "actions",
              header: t("columns.actions"),
              cell: (p) =>
                p.id === user.id ? null : (
                  <ActiveToggle userId={p.id} email={p.email} active={!p.deactivatedAt} />
                ),
            },
          ]}
        />
      </section>
      <InviteUserForm />
      <section aria-labelledby="invitations-heading" className="space-y-3">
        <h2 id="invitations-heading" className="text-lg font-semibold">
          {t("invitations.title")}
        </h2>
        <DataTable
          caption={t("invitations.title")}
          rows={invitations}
          rowKey={(i) => i.id}
          rowAttributes={(i) => ({ "data-email": i.email })}
          empty={t("invitations.empty")}
          cards
          columns={[
            { key: "email", header: t("invitations.email"), cell: (i) => i.email },
            { key: "role", header: t("invitations.role"), cell: (i) => t(`roles.${i.role}`) },
            { key: "by", header: t("invitations.invitedBy"), cell: (i) => i.invitedByEmail },
            {
              key: "expires",
              header: t("invitations.expires"),
              cell: (i) => format.dateTime(i.expiresAt, "zoned"),
            },
            {
              key: "state",
              header: t("invitations.state"),
              cell: (i) =>
                i.expiresAt <= now ? t("invitations.expired") : t("invitations.pending"),
            },
            {
              key: "revoke",
              header: t("columns.actions"),
              cell: (i) => <RevokeInvitationButton invitationId={i.id} />,
            },
          ]}
        />
      </section>
    </div>
  );
}
