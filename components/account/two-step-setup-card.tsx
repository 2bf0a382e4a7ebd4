/* eslint-disable @next/next/no-img-element -- a data: URL QR code, nothing to optimise */
import { useTranslations } from "next-intl";
import type { TwoStepSetupView } from "@/lib/auth/two-step/setup-view";

/** The QR code and the key to type in, for adding Plugboard to an authenticator app. */
export function TwoStepSetupCard({ setup }: { setup: TwoStepSetupView }) {
  const t = useTranslations("account.twoStep");
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-4 text-sm">
      <p>{t("scan")}</p>
      <img
        src={setup.qrDataUrl}
        alt={t("qrAlt")}
        width={192}
        height={192}
        className="mx-auto my-3"
      />
      <p>
        {t("cannotScan")}{" "}
        <code data-testid="two-step-key" className="break-all font-mono text-slate-900">
          {setup.secret}
        </code>
      </p>
    </div>
  );
}
