"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { acceptInvitationAction } from "@/lib/actions/users/accept-invitation";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/validations/users";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

/** Name and password of a person joining by invitation; then off to sign in. */
export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("users.accept");
  const [state, formAction, pending] = useActionState(acceptInvitationAction, null);
  if (state?.ok) {
    return (
      <div className="mt-6 space-y-4">
        <p role="status" className="text-sm">
          {state.message}
        </p>
        <Link
          href="/login"
          className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
        >
          {t("signIn")}
        </Link>
      </div>
    );
  }
  const errors = state && !state.ok ? (state.errors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={formAction} className="mt-6 space-y-4" key={JSON.stringify(values)}>
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account this password belongs to. */}
      <input type="hidden" name="username" value={email} autoComplete="username" />
      {state && !state.ok && !state.errors ? (
        <p role="alert" className="text-sm text-danger-700">
          {state.message}
        </p>
      ) : null}
      <TextField
        label={t("name")}
        name="name"
        required
        maxLength={100}
        autoComplete="name"
        defaultValue={values.name ?? ""}
        errors={errors.name}
      />
      <TextField
        label={t("password")}
        name="password"
        type="password"
        required
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        autoComplete="new-password"
        hint={t("passwordHint")}
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
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("joining") : t("submit")}
      </Button>
    </form>
  );
}
