import { useTranslations } from "next-intl";
import { SignOutEverywhereButton } from "./sign-out-everywhere-button";

/** The signed-in person's own account: who they are and the sessions they hold. */
export function AccountSection({ email }: { email: string }) {
  const t = useTranslations("account");
  return (
    <section
      aria-labelledby="account-heading"
      className="rounded-lg border border-slate-200 bg-surface p-6"
    >
      <h2 id="account-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("sessions", { email })}</p>
      <div className="mt-4">
        <SignOutEverywhereButton />
      </div>
    </section>
  );
}
