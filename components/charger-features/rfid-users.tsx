"use client";

// Portal-managed RFID users: the cards that may charge on this charger while OCPP is off, by
// label. UIDs are typed as printed on the card or as a reader shows them; the charger gets
// them little-endian (packages/wallbox/rfid-uid.ts), as it reads them.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { addRfidCardAction } from "@/lib/actions/charger-features/add-rfid-card";
import { removeRfidCardAction } from "@/lib/actions/charger-features/remove-rfid-card";
import { useChargerStatus } from "@/components/live/use-charger-status";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useActionToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/safe-action";
import { decodeRfidCards } from "@plugboard/wallbox";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import { MAX_RFID_CARDS } from "@plugboard/wallbox";

/** A UID as a card prints it: the same in every language. */
const UID_EXAMPLE = "04:A2:B3:C4";

type Result = ActionResult<{ commandId: string; uid: string }>;
type Action = (previous: Result | null, formData: FormData) => Promise<Result>;

export interface RfidCardView {
  id: string;
  uid: string;
  label: string;
}

/** An action form that starts a new request after each success and reloads the card list. */
function useCardAction(action: Action) {
  const router = useRouter();
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [state, formAction, pending] = useActionState(
    async (previous: Result | null, formData: FormData) => {
      const result = await action(previous, formData);
      if (result.ok) {
        setRequestId(crypto.randomUUID());
        router.refresh();
      }
      return result;
    },
    null,
  );
  useActionToast(state);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }
  return { state, pending, submit, requestId };
}

export function RfidUsers({
  chargerId,
  cards,
  initial,
}: {
  chargerId: string;
  cards: RfidCardView[];
  initial: ChargerStatusSummary;
}) {
  const t = useTranslations("chargerSettings.rfidUsers");
  const summary = useChargerStatus(initial);
  const onCharger = decodeRfidCards(summary.reportedFeatures?.rfidCards);
  const inSync =
    onCharger !== null && onCharger.join(",") === cards.map((card) => card.uid).join(",");
  const add = useCardAction(addRfidCardAction);
  const remove = useCardAction(removeRfidCardAction);
  const errors = add.state && !add.state.ok ? (add.state.errors ?? {}) : {};

  return (
    <div className="mt-3 space-y-4">
      <DataTable
        caption={t("caption")}
        rows={cards}
        rowKey={(card) => card.id}
        empty={t("none")}
        columns={[
          { key: "label", header: t("label"), cell: (card) => card.label },
          { key: "uid", header: t("uid"), className: "font-mono", cell: (card) => card.uid },
          {
            key: "actions",
            header: <span className="sr-only">{t("actions")}</span>,
            cell: (card) => (
              <form onSubmit={remove.submit}>
                <input type="hidden" name="chargerId" value={chargerId} />
                <input type="hidden" name="requestId" value={remove.requestId} />
                <input type="hidden" name="cardId" value={card.id} />
                <Button type="submit" variant="secondary" disabled={remove.pending}>
                  {t("remove", { label: card.label })}
                </Button>
              </form>
            ),
          },
        ]}
      />
      <p className="text-sm text-slate-700" data-testid="rfid-sync">
        {onCharger === null
          ? t("notReported")
          : t(inSync ? "inSync" : "sending", { count: onCharger.length })}
      </p>
      <form onSubmit={add.submit} noValidate className="space-y-3 rounded-md bg-slate-50 p-4">
        <h3 className="text-sm font-semibold">{t("addHeading")}</h3>
        <input type="hidden" name="chargerId" value={chargerId} />
        <input type="hidden" name="requestId" value={add.requestId} />
        <fieldset disabled={add.pending || cards.length >= MAX_RFID_CARDS} className="space-y-3">
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField
              label={t("newUid")}
              name="uid"
              autoComplete="off"
              spellCheck={false}
              placeholder={UID_EXAMPLE}
              errors={errors.uid}
            />
            <SelectField
              label={t("order")}
              name="order"
              defaultValue="as-printed"
              errors={errors.order}
            >
              <option value="as-printed">{t("asPrinted")}</option>
              <option value="as-read">{t("asRead")}</option>
            </SelectField>
            <TextField
              label={t("newLabel")}
              name="label"
              maxLength={40}
              autoComplete="off"
              errors={errors.label}
            />
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit">{add.pending ? t("adding") : t("add")}</Button>
          </div>
          <p className="text-xs text-slate-500">{t("limit", { max: MAX_RFID_CARDS })}</p>
        </fieldset>
      </form>
    </div>
  );
}
