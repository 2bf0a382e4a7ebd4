"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { inviteUserAction } from "@/lib/actions/users/invite-user";
import { ORGANIZATION_ROLES } from "@/lib/validations/users";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useActionToast } from "@/components/ui/toast";

/**
 * Invite a person by email with a role. Without a mail server the one-time link is shown here,
 * once, for the administrator to hand over (it is never shown again: only its hash is kept).
 */
export function InviteUserForm() {
  const t = useTranslations("users");
  const router = useRouter();
  const [state, formAction, pending] = useActionState(inviteUserAction, null);
  useActionToast(state);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const errors = state && !state.ok ? (state.errors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const invited = state?.ok ? state.data : null;
  return (
    <section
      aria-labelledby="invite-heading"
      className="space-y-4 rounded-lg border border-slate-200 bg-surface p-6"
    >
      <h2 id="invite-heading" className="text-lg font-semibold">
        {t("invite.title")}
      </h2>
      <form
        key={state?.ok ? JSON.stringify(state) : JSON.stringify(values)}
        action={formAction}
        className="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto] sm:items-end"
      >
        <TextField
          label={t("invite.email")}
          name="email"
          type="email"
          required
          autoComplete="off"
          defaultValue={values.email ?? ""}
          errors={errors.email}
        />
        <SelectField
          label={t("invite.role")}
          name="role"
          defaultValue={values.role ?? "cpo"}
          errors={errors.role}
        >
          {ORGANIZATION_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" disabled={pending} className="min-h-11">
          {pending ? t("invite.sending") : t("invite.submit")}
        </Button>
      </form>
      {invited?.link ? (
        <div
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4"
          data-testid="invitation-link"
        >
          <p className="font-medium">{t("invite.linkTitle", { email: invited.email })}</p>
          <p className="text-sm text-slate-700">{t("invite.linkHint", { email: invited.email })}</p>
          <input
            readOnly
            value={invited.link}
            aria-label={t("invite.linkTitle", { email: invited.email })}
            onFocus={(event) => event.currentTarget.select()}
            className="block w-full rounded-md border border-slate-300 bg-surface px-3 py-2 font-mono text-sm"
          />
        </div>
      ) : null}
    </section>
  );
}
