// A charger's header, tabs, status, screen preview, power commands and charging sessions speak
// the reader's language: every text from messages (a missing one fails), English as it always
// read, French in the activation guide's words, numbers and times the reader's way.
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import type { ChargingSessionWithDriver } from "@/lib/chargers/charging-sessions";
import type { ChargerRow } from "@/lib/chargers/queries";
import type { DisplayStatus } from "@/lib/chargers/status";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { renderFor } from "@/lib/testing/intl";
import { statusSummary } from "@/lib/testing/status-summary";
import { ChargerHeader } from "./charger-header";
import { ChargerTabs } from "./charger-tabs";
import { ChargingSessions } from "./charging-sessions";
import { HmiPreview } from "./hmi-preview";
import { LiveLastSeen, LiveStatusBadge } from "./live-status-badge";
import { PowerCommands } from "./power-commands";
import { StatusBadge } from "./status-badge";

vi.mock("@/lib/actions/chargers/restart-charger", () => ({ restartChargerAction: vi.fn() }));
vi.mock("@/lib/actions/chargers/factory-reset-charger", () => ({
  factoryResetChargerAction: vi.fn(),
}));

const NOW = new Date("2026-12-04T13:10:00Z");

const summary = statusSummary;

const charger = {
  id: "7c1d6a4e-0000-4000-8000-000000000001",
  name: "Bay <2>",
  serialNumber: "SN123",
  organizationName: "Volta",
  siteName: null,
  ocppCapable: true,
  online: true,
  lifecycle: "running",
  ocppStatus: "connected",
  ocppReason: null,
  ocppMessage: null,
  ocppStatusAt: new Date("2026-12-04T13:07:00Z"),
  lastSeenAt: new Date("2026-12-04T13:07:00Z"),
  firmwareVersion: "6.2.14",
  ocppEnabled: true,
  desiredConfigVersion: 1,
  appliedConfigVersion: 1,
  lastEventSeq: 1,
  hmi: null,
  reportedFeatures: null,
  statusSteps: [],
} as unknown as ChargerRow;

const session = (overrides: Partial<ChargingSessionWithDriver>): ChargingSessionWithDriver => ({
  id: "s",
  chargerId: charger.id,
  status: "stopped",
  connectorId: 1,
  transactionId: 1,
  anonymous: false,
  idTag: null,
  startedAt: new Date("2026-12-04T11:00:00Z"),
  stoppedAt: new Date("2026-12-04T12:05:00Z"),
  meterStartWh: 0,
  meterWh: 1500,
  meterStopWh: 1500,
  energyWh: 1500,
  powerW: 0,
  stopReason: null,
  sampledAt: new Date("2026-12-04T12:05:00Z"),
  driverLabel: null,
  ...overrides,
});

const sessions = [
  session({ id: "1", anonymous: true, stopReason: "EVDisconnected" }),
  session({ id: "2", idTag: "C4B3A204", driverLabel: "Alice" }),
  session({ id: "4", anonymous: true, stopReason: "VendorReason" }),
  session({
    id: "3",
    status: "updated",
    idTag: "C4B3A204",
    stoppedAt: null,
    powerW: 7400,
    startedAt: new Date("2026-12-04T13:00:00Z"),
    sampledAt: new Date("2026-12-04T13:25:00Z"),
  }),
];

const STATUSES: DisplayStatus[] = [
  { key: "connected" },
  { key: "connecting" },
  { key: "error" },
  { key: "disabled" },
  { key: "unsupported" },
  { key: "restarting" },
  { key: "updating" },
  { key: "offline", neverSeen: true },
  { key: "offline", lastKnown: { status: "connected" } },
];

const render = (node: ReactNode, locale: Locale = "en", timeZone = "UTC") =>
  renderFor(node, { locale, timeZone, now: NOW });

const hmi = (overrides: Partial<ChargerStatusSummary>) => (
  <HmiPreview initial={summary(overrides)} modelName="Pulsar Plus" />
);

const everything = () => (
  <>
    <ChargerHeader charger={charger} />
    <ChargerTabs charger={charger} current="ocpp" />
    {STATUSES.map((status, i) => (
      <StatusBadge key={i} status={status} />
    ))}
    <LiveStatusBadge initial={summary({ desiredConfigVersion: 2 })} />
    <LiveStatusBadge initial={summary({ ocppCapable: false, lifecycle: "updating" })} />
    <LiveLastSeen initial={summary({ online: false })} />
    <LiveLastSeen initial={summary({ online: false, lastSeenAt: null })} />
    <LiveLastSeen initial={summary()} />
    {hmi({ ocppStatus: "connected", hmi: { halo: "green", locked: false } })}
    {hmi({ ocppStatus: "connecting", hmi: { halo: "yellow", locked: true } })}
    {hmi({ ocppStatus: "error", hmi: { halo: "red", locked: false } })}
    {hmi({ ocppStatus: "disabled", hmi: { halo: "blue", locked: false } })}
    {hmi({ lifecycle: "restarting" })}
    {hmi({ online: false })}
    <PowerCommands
      chargerId={charger.id}
      canRestart
      canReset
      reasonRequired
      restartCheck={{ available: true }}
      resetCheck={{ available: true }}
    />
    <PowerCommands
      chargerId={charger.id}
      canRestart
      canReset
      reasonRequired={false}
      restartCheck={{ available: true }}
      resetCheck={{ available: true }}
    />
    <ChargingSessions sessions={sessions} />
    <ChargingSessions sessions={[]} />
  </>
);

describe("a charger's page parts", () => {
  it.each(LOCALES)("%s: every text is a message, none missing", async (locale) => {
    const html = await render(everything(), locale);
    expect(html).not.toMatch(/\b(charger|ocpp|common)\.[a-z]+\.[a-zA-Z_]+/);
  });

  it("read in English as they always did", async () => {
    const html = await render(everything());
    for (const words of [
      "← All chargers",
      'Serial number <span class="font-mono">SN123</span> · Volta',
      'aria-label="Charger sections"',
      ">Overview<",
      ">Settings<",
      "Connected",
      "Connecting",
      "Not OCPP-capable",
      "Updating firmware",
      "(never connected)",
      "(last known: Connected)",
      "Applying new settings…",
      "Updating firmware…",
      ">3 minutes ago<",
      ">Never<",
      "Online now",
      'aria-label="Screen of the charger (Pulsar Plus)"',
      "⇄ OCPP",
      "OCPP cannot connect to the central system",
      "Present your card",
      "No connection to the cloud",
      "Restarting…",
      "Charger screen preview · halo yellow — locked, waiting for authorisation",
      "Restart and reset",
      ">Restart the charger<",
      "Restart?",
      "Factory reset?",
      "The charger restarts now; a charge in progress is interrupted.",
      "OCPP configuration is cleared",
      "Reason (optional)",
      ">Cancel<",
      "Charging sessions",
      "No charging sessions yet.",
      "Anonymous (OCPP)",
      "Ended (vehicle unplugged)",
      "Ended (VendorReason)",
      "Alice (card C4B3A204)",
      "Card C4B3A204",
      "1 h 5 min",
      "25 min",
      "1.50 kWh",
      "Charging · 7.4 kW",
      "Dec 4, 2026, 11:00:00",
    ]) {
      expect(html, words).toContain(words);
    }
    expect(html).toMatch(/<label[^>]*>Reason<\/label>/);
  });

  it("say French in the activation guide's words, numbers and times the French way", async () => {
    const html = await render(everything(), "fr", "Europe/Paris");
    for (const words of [
      "← Toutes les bornes",
      "OCPP connecté",
      "OCPP en cours de connexion",
      "Erreur de connexion OCPP",
      "OCPP ne peut pas établir la connexion avec le système central",
      "il y a 3 minutes",
      "Présentez votre carte",
      "Redémarrer ?",
      "1,50 kWh",
      "En recharge · 7,4 kW",
      "Terminée (véhicule débranché)",
      // 11:00 UTC is 12:00 in Paris in December.
      "4 déc. 2026, 12:00:00",
    ]) {
      expect(html, words).toContain(words);
    }
  });

  it("say Spanish and German as their readers do", async () => {
    const spanish = await render(everything(), "es");
    expect(spanish).toContain("hace 3 minutos");
    expect(spanish).toContain("¿Reiniciar?");
    const german = await render(everything(), "de");
    expect(german).toContain("vor 3 Minuten");
    expect(german).toContain("1,50 kWh");
    expect(german).toContain("1 Std. 5 Min.");
  });

  it("never says a last-seen time ahead of the reader's clock is in the future", async () => {
    const html = await render(
      <LiveLastSeen initial={summary({ online: false, lastSeenAt: "2026-12-04T13:10:20Z" })} />,
    );
    expect(html).toContain(">now<");
  });
});
