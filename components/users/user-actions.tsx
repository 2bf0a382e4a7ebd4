"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { changeUserRoleAction } from "@/lib/actions/users/change-user-role";
import { setUserActiveAction } from "@/lib/actions/users/set-user-active";
import { revokeInvitationAction } from "@/lib/actions/users/revoke-invitation";
import { ORGANIZATION_ROLES } from "@/lib/validations/users";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useActionToast } from "@/components/ui/toast";

/** Refreshes the page's list after a successful change. */
function useRefreshOnSuccess(state: { ok: boolean } | null) {
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
}

/** A person's role as a select and its own submit (a plain form: works without JavaScript). */
export function ChangeRoleForm({
  userId,
  email,
  role,
}: {
  userId: string;
  email: string;
  role: string;
}) {
  const t = useTranslations("users");
  const [state, formAction, pending] = useActionState(changeUserRoleAction, null);
  useActionToast(state);
  useRefreshOnSuccess(state);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <select
        name="role"
        defaultValue={role}
        aria-label={t("roleOf", { email })}
        className="min-h-11 rounded-md border border-slate-300 bg-surface px-2 py-1 text-sm"
      >
        {ORGANIZATION_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </select>
      <Button type="submit" variant="secondary" disabled={pending} className="min-h-11">
        {t("changeRole")}
      </Button>
    </form>
  );
}

/** Deactivate (after a confirmation that says what it does) or reactivate a person. */
export function ActiveToggle({
  userId,
  email,
  active,
}: {
  userId: string;
  email: string;
  active: boolean;
}) {
  const t = useTranslations("users");
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [state, formAction, pending] = useActionState(setUserActiveAction, null);
  useActionToast(state);
  useRefreshOnSuccess(state);
  useEffect(() => {
    if (state) dialogRef.current?.close();
  }, [state]);
  if (!active) {
    return (
      <form action={formAction}>
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="active" value="true" />
        <Button type="submit" variant="secondary" disabled={pending} className="min-h-11">
          {t("reactivate")}
        </Button>
      </form>
    );
  }
  return (
    <>
      <Button
        type="button"
        variant="danger"
        className="min-h-11"
        onClick={() => dialogRef.current?.showModal()}
      >
        {t("deactivate")}
      </Button>
      <Dialog ref={dialogRef} title={t("deactivateConfirm", { email })}>
        <form action={formAction} className="mt-4 flex flex-wrap justify-end gap-3">
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="active" value="false" />
          <Button type="button" variant="secondary" onClick={() => dialogRef.current?.close()}>
            {t("cancel")}
          </Button>
          <Button type="submit" variant="danger" disabled={pending}>
            {t("deactivate")}
          </Button>
        </form>
      </Dialog>
    </>
  );
}

export function RevokeInvitationButton({ invitationId }: { invitationId: string }) {
  const t = useTranslations("users.invitations");
  const [state, formAction, pending] = useActionState(revokeInvitationAction, null);
  useActionToast(state);
  useRefreshOnSuccess(state);
  return (
    <form action={formAction}>
      <input type="hidden" name="invitationId" value={invitationId} />
      <Button type="submit" variant="secondary" disabled={pending} className="min-h-11">
        {t("revoke")}
      </Button>
    </form>
  );
}
