import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { findUsableInvitation } from "@/lib/users/queries";
import { AcceptInvitationForm } from "@/components/users/accept-invitation-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users.accept"))("submit") };
}

/**
 * The page an invitation link opens, signed in or not. A link that cannot be used says so,
 * the same way whatever the reason (used, expired, withdrawn, never issued).
 */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("users");
  const invitation = await findUsableInvitation(await getDb(), token);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-surface p-8 shadow-sm">
        {invitation ? (
          <>
            <h1 className="text-xl font-semibold">
              {t("accept.title", { organization: invitation.organizationName })}
            </h1>
            <p className="mt-2 text-sm text-slate-600">
              {t("accept.intro", {
                inviter: invitation.invitedByEmail,
                email: invitation.email,
                organization: invitation.organizationName,
                role: invitation.role,
              })}
            </p>
            <AcceptInvitationForm token={token} email={invitation.email} />
          </>
        ) : (
          <>
            <h1 className="text-xl font-semibold">{t("accept.invalidTitle")}</h1>
            <p className="mt-2 text-sm text-slate-600">{t("accept.invalid")}</p>
            <Link
              href="/login"
              className="mt-4 inline-flex min-h-11 items-center text-brand-700 underline"
            >
              {t("accept.signIn")}
            </Link>
          </>
        )}
      </div>
    </main>
  );
}
