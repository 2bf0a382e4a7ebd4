"use client";

// Ends every session of this account (other browsers, other devices, this one), then signs
// this browser out. For a lost phone or a computer left signed in somewhere.
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useActionToast, type ActionAnswer } from "@/components/ui/toast";
import { signOutEverywhereAction } from "@/lib/actions/account/sign-out-everywhere";

export function SignOutEverywhereButton() {
  const t = useTranslations("account");
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ActionAnswer | null>(null);
  useActionToast(failure);

  async function run() {
    setPending(true);
    const result = await signOutEverywhereAction(null, new FormData());
    if (!result.ok) {
      setPending(false);
      setFailure(result);
      return;
    }
    await signOut({ callbackUrl: "/login" });
  }

  return (
    <div>
      <Button variant="secondary" disabled={pending} onClick={run}>
        {pending ? t("signingOutEverywhere") : t("signOutEverywhere")}
      </Button>
    </div>
  );
}
