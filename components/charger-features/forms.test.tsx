// The Settings tab's forms render every text from messages, in English as today and in the
// reader's language (no key shown instead of words).
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import { FORMATS } from "@/lib/i18n/formats";
import type { Locale } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";
import { ChargingControlForm, LockForm } from "./control-forms";
import {
  CurrentLimitForm,
  EarthingForm,
  MidMeterForm,
  PowerBoostForm,
  PowerSharingForm,
} from "./energy-forms";
import { RfidUsers } from "./rfid-users";
import { ScheduleForm } from "./schedule-form";
import { ReportedValue } from "./setting-form";
import { SettingSection } from "./setting-section";
import { SoftwareUpdateForm } from "./software-update-form";

vi.mock("@/lib/actions/charger-features/set-charger-feature", () => ({
  setChargerFeatureAction: vi.fn(),
}));
vi.mock("@/lib/actions/charger-features/add-rfid-card", () => ({ addRfidCardAction: vi.fn() }));
vi.mock("@/lib/actions/charger-features/remove-rfid-card", () => ({
  removeRfidCardAction: vi.fn(),
}));
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn() }) }));

const initial: ChargerStatusSummary = {
  id: "c",
  online: true,
  lifecycle: "running",
  ocppCapable: true,
  ocppStatus: "disabled",
  ocppReason: null,
  ocppMessage: null,
  ocppStatusAt: "2025-01-01T00:00:00.000Z",
  lastSeenAt: "2025-01-01T00:00:00.000Z",
  firmwareVersion: "6.2.14",
  ocppEnabled: false,
  desiredConfigVersion: 0,
  appliedConfigVersion: 0,
  hmi: null,
  reportedFeatures: {
    currentLimit: 16,
    powerBoost: 40,
    schedules: "0@0800-1200/16",
    locked: true,
    rfidCards: "C4B3A204",
  },
  seq: 1,
  steps: [],
};
const props = { chargerId: "c", initial };

function tab() {
  return (
    <>
      <SettingSection
        feature="powerBoost"
        check={{ available: true }}
        description="…"
        canEdit={false}
        canChangePlan={false}
        reported={<ReportedValue setting="powerBoost" initial={initial} />}
      />
      <ReportedValue setting="schedules" initial={initial} />
      <ReportedValue setting="midMeter" initial={initial} />
      <PowerBoostForm {...props} />
      <PowerSharingForm {...props} />
      <MidMeterForm {...props} />
      <CurrentLimitForm {...props} maxCurrentA={16} />
      <EarthingForm {...props} />
      <ScheduleForm {...props} maxCurrentA={16} />
      <SoftwareUpdateForm {...props} model="PLP1" />
      <LockForm {...props} />
      <ChargingControlForm {...props} />
      <RfidUsers {...props} cards={[{ id: "k", uid: "C4B3A204", label: "Ada" }]} />
    </>
  );
}

async function render(locale: Locale, children: ReactNode) {
  return renderToStaticMarkup(
    <NextIntlClientProvider
      locale={locale}
      messages={await loadMessages(locale)}
      timeZone="UTC"
      formats={FORMATS}
    >
      <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>
    </NextIntlClientProvider>,
  );
}

describe("the Settings tab's forms", () => {
  it("say today's English", async () => {
    const html = await render("en", tab());
    for (const text of [
      "Power Boost",
      "Read-only: only an administrator of this charger&#x27;s organisation can change it.",
      'Reported by the charger: <span class="font-medium">On (household supply 40 A)</span>',
      "Mon 08:00–12:00 at 16 A",
      "not reported yet",
      "Household supply limit (A, optional)",
      "The charger lowers its current so the home stays under this (6–200 A).",
      "6 to 16 A: the maximum of this charger&#x27;s part number.",
      "TN (earth from the supply network)",
      "Times are the charger&#x27;s local time, HH:MM (24:00 for midnight); at most 12 slots, 6 to 16 A each.",
      ">Monday</option>",
      'Installed firmware: <span class="font-medium" data-testid="installed-firmware">6.2.14</span>',
      "Unlock the charger",
      "Start charging",
      "Remove Ada",
      "The charger holds this card.",
      "At most 8 cards per charger.",
    ]) {
      expect(html).toContain(text);
    }
  });

  it.each(["fr", "es", "de"] as const)(
    "speak %s, with no key in place of words",
    async (locale) => {
      const html = await render(locale, tab());
      expect(html).not.toMatch(/chargerSettings\.|rfidUsers\.|schedule\./);
      expect(html).not.toContain("Household supply");
      expect(html).toContain(
        {
          fr: "Déverrouiller la borne",
          es: "Desbloquear el cargador",
          de: "Ladestation entsperren",
        }[locale],
      );
    },
  );
});
