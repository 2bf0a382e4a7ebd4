"use client";

// Ends every session of this account (other browsers, other devices, this one), then signs
// this browser out. For a lost phone or a computer left signed in somewhere.
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { signOutEverywhereAction } from "@/lib/actions/account/sign-out-everywhere";

export function SignOutEverywhereButton() {
  const t = useTranslations("account");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setPending(true);
    setError(null);
    const result = await signOutEverywhereAction(null, new FormData());
    if (!result.ok) {
      setPending(false);
      setError(result.message);
      return;
    }
    await signOut({ callbackUrl: "/login" });
  }

  return (
    <div>
      <Button variant="secondary" disabled={pending} onClick={run}>
        {pending ? t("signingOutEverywhere") : t("signOutEverywhere")}
      </Button>
      <p role="status" aria-live="polite" className="mt-2 text-sm text-red-700">
        {error}
      </p>
    </div>
  );
}
