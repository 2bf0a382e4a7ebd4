"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { convertRfidUid, type UidOrder } from "@plugboard/wallbox";
import { useMessageText } from "@/lib/i18n/use-message-text";
import { rfidUidMessage } from "@/lib/i18n/wallbox-messages";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";

const ORDERS = ["as-printed", "as-read"] as const satisfies readonly UidOrder[];
const ORDER_LABELS = { "as-printed": "asPrinted", "as-read": "asRead" } as const;

/** A UID as a card prints it: the same in every language. */
const UID_EXAMPLE = "04:A2:B3:C4";

/** Turns a card's UID into the little-endian hex a central system's whitelist needs. */
export function UidConverter({ defaultUid = "" }: { defaultUid?: string }) {
  const t = useTranslations("rfid");
  const say = useMessageText();
  const id = useId();
  const [uid, setUid] = useState(defaultUid);
  const [order, setOrder] = useState<UidOrder>("as-printed");
  const [copied, setCopied] = useState(false);
  const result = uid.trim() ? convertRfidUid(uid, order) : null;
  // How the bytes got into whitelist order; the whitelist value has its own line below.
  const steps = !result?.ok
    ? []
    : result.order === "as-printed"
      ? [
          t("steps.asPrinted", { bytes: result.given.join(" ") }),
          t("steps.reversed", { bytes: result.bytes.join(" ") }),
        ]
      : [t("steps.asRead", { bytes: result.given.join(" ") }), t("steps.kept")];

  async function copy(value: string) {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="rounded-lg border border-slate-200 bg-surface p-6"
      data-testid="uid-converter"
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        {/* What is wrong with a UID is said in the live region below, with the steps. */}
        <TextField
          label={t("uid")}
          hint={t("uidHint")}
          value={uid}
          onChange={(e) => {
            setUid(e.target.value);
            setCopied(false);
          }}
          placeholder={UID_EXAMPLE}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={result && !result.ok ? true : undefined}
          className="font-mono"
        />
        <SelectField
          label={t("order")}
          value={order}
          onChange={(e) => {
            setOrder(e.target.value as UidOrder);
            setCopied(false);
          }}
        >
          {ORDERS.map((value) => (
            <option key={value} value={value}>
              {t(ORDER_LABELS[value])}
            </option>
          ))}
        </SelectField>
      </div>
      {steps.length ? (
        <ol
          aria-label={t("stepsLabel")}
          className="mt-4 list-decimal space-y-1 pl-5 font-mono text-sm"
        >
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      ) : null}
      <div className="mt-3 flex items-center gap-3">
        <p
          role="status"
          aria-live="polite"
          data-testid="uid-result"
          className={`text-sm ${result && !result.ok ? "text-red-700" : "font-medium text-slate-900"}`}
        >
          {result === null
            ? t("prompt")
            : result.ok
              ? t("result", { value: result.littleEndianHex })
              : say(rfidUidMessage(result))}
        </p>
        {result?.ok ? (
          <button
            type="button"
            onClick={() => copy(result.littleEndianHex)}
            className="rounded-md border border-slate-300 bg-surface px-3 py-1 text-sm hover:bg-slate-100"
          >
            {copied ? t("copied") : t("copy")}
          </button>
        ) : null}
      </div>
    </section>
  );
}
