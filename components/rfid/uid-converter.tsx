"use client";

import { useId, useState } from "react";
import { convertRfidUid, type UidOrder } from "@plugboard/wallbox";

const ORDERS: Array<{ value: UidOrder; label: string }> = [
  { value: "as-printed", label: "Printed on the card" },
  { value: "as-read", label: "As read by a reader" },
];

/** Turns a card's UID into the little-endian hex a central system's whitelist needs. */
export function UidConverter({ defaultUid = "" }: { defaultUid?: string }) {
  const id = useId();
  const [uid, setUid] = useState(defaultUid);
  const [order, setOrder] = useState<UidOrder>("as-printed");
  const [copied, setCopied] = useState(false);
  const result = uid.trim() ? convertRfidUid(uid, order) : null;
  // The last step repeats the result, which has its own line below.
  const steps = result?.ok ? result.steps.slice(0, -1) : [];

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
      className="rounded-lg border border-slate-200 bg-white p-6"
      data-testid="uid-converter"
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        RFID UID converter
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Chargers read Mifare UIDs as little-endian hexadecimal without separators: the central
        system&apos;s whitelist must hold them that way, or the card is refused.
      </p>
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-uid`} className="block text-sm font-medium text-slate-800">
            Card UID
          </label>
          <input
            id={`${id}-uid`}
            value={uid}
            onChange={(e) => {
              setUid(e.target.value);
              setCopied(false);
            }}
            placeholder="04:A2:B3:C4"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-uid-hint`}
            aria-invalid={result && !result.ok ? true : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
          />
          <p id={`${id}-uid-hint`} className="mt-1 text-xs text-slate-500">
            4, 7 or 10 bytes, with or without colons, spaces or dashes.
          </p>
        </div>
        <div>
          <label htmlFor={`${id}-order`} className="block text-sm font-medium text-slate-800">
            Byte order
          </label>
          <select
            id={`${id}-order`}
            value={order}
            onChange={(e) => {
              setOrder(e.target.value as UidOrder);
              setCopied(false);
            }}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm"
          >
            {ORDERS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {steps.length ? (
        <ol
          aria-label="Conversion steps"
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
            ? "Enter a card UID to convert it."
            : result.ok
              ? `Whitelist value: ${result.littleEndianHex}`
              : result.message}
        </p>
        {result?.ok ? (
          <button
            type="button"
            onClick={() => copy(result.littleEndianHex)}
            className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100"
          >
            {copied ? "Copied" : "Copy whitelist value"}
          </button>
        ) : null}
      </div>
    </section>
  );
}
