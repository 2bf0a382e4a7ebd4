import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { sameOriginPath } from "@/lib/auth/redirect-target";
import { getSessionUser } from "@/lib/auth/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  if (await getSessionUser()) redirect("/chargers");
  const { callbackUrl } = await searchParams;
  // Only this site: an open redirect after sign-in would be a phishing aid.
  const target = sameOriginPath(callbackUrl, "/chargers");
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to Plugboard</h1>
        <p className="mt-1 text-sm text-slate-600">Fleet portal for OCPP chargers</p>
        <LoginForm callbackUrl={target} />
      </div>
    </main>
  );
}
