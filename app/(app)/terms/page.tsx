import type { Metadata } from "next";

export const metadata: Metadata = { title: "OCPP terms and conditions" };

export default function TermsPage() {
  return (
    <article className="prose max-w-3xl space-y-4 text-sm leading-6">
      <h1 className="text-2xl font-semibold">Terms and conditions for OCPP</h1>
      <p>
        By enabling OCPP you connect this charger to a central system operated by a charge point
        operator (CPO). While OCPP is enabled:
      </p>
      <ul className="list-disc pl-6">
        <li>
          The central system is in charge of authorising and starting charges. Locking and
          unlocking, starting and pausing charges, RFID users and payments are no longer managed
          from this portal, and charging sessions become anonymous here.
        </li>
        <li>
          Status monitoring, Power Sharing, Power Boost, the MID meter, the current limit, software
          updates, restart, factory reset, charging schedules and the earthing system stay
          available, according to your plan.
        </li>
        <li>
          The charger manufacturer is not responsible for the behaviour of a central system that has
          not passed the factory acceptance test with it.
        </li>
        <li>
          Behind a VPN, the portal&apos;s features work only if outbound connections to the
          cloud&apos;s domains are allowed on ports 443 and 80.
        </li>
        <li>Saving the settings restarts the charger, which interrupts any charge in progress.</li>
      </ul>
    </article>
  );
}
