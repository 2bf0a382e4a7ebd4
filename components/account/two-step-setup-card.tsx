/* eslint-disable @next/next/no-img-element -- a data: URL QR code, nothing to optimise */
import type { TwoStepSetupView } from "@/lib/auth/two-step/setup-view";

/** The QR code and the key to type in, for adding Plugboard to an authenticator app. */
export function TwoStepSetupCard({ setup }: { setup: TwoStepSetupView }) {
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-4 text-sm">
      <p>
        Scan this code with an authenticator app (Google Authenticator, Microsoft Authenticator,
        1Password, …), then enter the 6-digit code it shows.
      </p>
      <img
        src={setup.qrDataUrl}
        alt="QR code to add Plugboard to an authenticator app"
        width={192}
        height={192}
        className="mx-auto my-3"
      />
      <p>
        Cannot scan? Enter this key instead:{" "}
        <code data-testid="two-step-key" className="break-all font-mono text-slate-900">
          {setup.secret}
        </code>
      </p>
    </div>
  );
}
