import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { sameOriginPath } from "@/lib/auth/redirect-target";
import { getSessionUser } from "@/lib/auth/session";
import { LoginForm } from "./login-form";
import { landingPage } from "@/lib/auth/landing-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("title") };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; reason?: string }>;
}) {
  const user = await getSessionUser();
  if (user) redirect(landingPage(user.role));
  const { callbackUrl, reason } = await searchParams;
  // Only this site: an open redirect after sign-in would be a phishing aid.
  // "/" sends each role to its landing page.
  const target = sameOriginPath(callbackUrl, "/");
  const t = await getTranslations("auth");
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-surface p-8 shadow-sm">
        <h1 className="text-xl font-semibold">{t("heading")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("tagline")}</p>
        {reason === "password_changed" ? (
          <p role="status" className="mt-3 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
            {(await getTranslations("users.password"))("changed")}
          </p>
        ) : null}
        <LoginForm callbackUrl={target} />
      </div>
    </main>
  );
}
