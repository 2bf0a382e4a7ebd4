"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { revokeApiTokenAction } from "@/lib/actions/api-tokens/revoke-api-token";
import { Button } from "@/components/ui/button";
import { useActionToast } from "@/components/ui/toast";

export function RevokeApiTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const t = useTranslations("apiTokens");
  const router = useRouter();
  const [state, formAction, pending] = useActionState(revokeApiTokenAction, null);
  useActionToast(state);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form action={formAction}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <Button
        type="submit"
        variant="danger"
        disabled={pending}
        className="min-h-11"
        aria-label={`${t("revoke")} ${name}`}
      >
        {t("revoke")}
      </Button>
    </form>
  );
}
