import { useTranslations } from "next-intl";
import { UidConverter } from "@/components/rfid/uid-converter";
import { CONNECTING_CHECKLIST } from "@/lib/ocpp/status-help";

/** The seed's troubleshooting, and the RFID converter CPOs need for their whitelist. */
export function OcppHelp() {
  const t = useTranslations("ocpp");
  return (
    <section
      aria-labelledby="ocpp-help-heading"
      className="rounded-lg border border-slate-200 bg-surface p-6"
    >
      <h2 id="ocpp-help-heading" className="text-lg font-semibold">
        {t("help.title")}
      </h2>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium">{t("help.stuck")}</summary>
        <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
          {CONNECTING_CHECKLIST.map((item) => (
            <li key={item}>{t(`checklist.${item}`)}</li>
          ))}
        </ul>
      </details>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium">{t("help.noCharge")}</summary>
        <p className="mt-2 text-sm text-slate-700">{t("help.noChargeBody")}</p>
      </details>
      <details className="mt-3" open>
        <summary className="cursor-pointer text-sm font-medium">{t("help.rfid")}</summary>
        <p className="mt-2 text-sm text-slate-700">{t("help.rfidBody")}</p>
        <div className="mt-3">
          <UidConverter />
        </div>
      </details>
    </section>
  );
}
