"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { changePasswordAction } from "@/lib/actions/account/change-password";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/validations/users";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

/**
 * Change one's password, proving the current one. Every session ends with it (this one too), so
 * on success the browser goes to the sign-in page, which says why.
 */
export function ChangePasswordForm({ email }: { email: string }) {
  const t = useTranslations("users.password");
  const router = useRouter();
  const [state, formAction, pending] = useActionState(changePasswordAction, null);
  useEffect(() => {
    if (state?.ok) router.replace("/login?reason=password_changed");
  }, [state, router]);
  const errors = state && !state.ok ? (state.errors ?? {}) : {};
  return (
    <section
      aria-labelledby="password-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-surface p-6"
    >
      <h2 id="password-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="max-w-prose text-sm text-slate-600">{t("intro")}</p>
      <form action={formAction} className="grid max-w-md gap-4" key={JSON.stringify(state)}>
        <input type="hidden" name="username" value={email} autoComplete="username" />
        {state?.ok ? (
          <p role="status" className="text-sm">
            {state.message}
          </p>
        ) : null}
        <TextField
          label={t("current")}
          name="current"
          type="password"
          required
          autoComplete="current-password"
          errors={errors.current}
        />
        <TextField
          label={t("new")}
          name="password"
          type="password"
          required
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
          autoComplete="new-password"
          errors={errors.password}
        />
        <TextField
          label={t("confirm")}
          name="confirm"
          type="password"
          required
          autoComplete="new-password"
          errors={errors.confirm}
        />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? t("changing") : t("submit")}
          </Button>
        </div>
      </form>
    </section>
  );
}
