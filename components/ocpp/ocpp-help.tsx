import { UidConverter } from "@/components/rfid/uid-converter";
import { CONNECTING_CHECKLIST } from "@/lib/ocpp/status-help";

/** The seed's troubleshooting, and the RFID converter CPOs need for their whitelist. */
export function OcppHelp() {
  return (
    <section
      aria-labelledby="ocpp-help-heading"
      className="rounded-lg border border-slate-200 bg-white p-6"
    >
      <h2 id="ocpp-help-heading" className="text-lg font-semibold">
        Help
      </h2>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium">
          The status stays “Connecting”
        </summary>
        <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
          {CONNECTING_CHECKLIST.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </details>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium">A charge does not start</summary>
        <p className="mt-2 text-sm text-slate-700">
          Check the OCPP connection status above, that the card is authorised in the central system,
          and that the charger is available (not faulted or reserved) — ask the charge point
          operator.
        </p>
      </details>
      <details className="mt-3" open>
        <summary className="cursor-pointer text-sm font-medium">
          An RFID card does not unlock the charger
        </summary>
        <p className="mt-2 text-sm text-slate-700">
          Under OCPP the charger reads Mifare UIDs as little-endian hexadecimal without separators:
          the central system&apos;s whitelist must hold them that way. Convert a card&apos;s UID
          here.
        </p>
        <div className="mt-3">
          <UidConverter />
        </div>
      </details>
    </section>
  );
}
