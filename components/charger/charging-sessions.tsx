import { useFormatter, useTranslations } from "next-intl";
import type { ChargingSessionWithDriver } from "@/lib/chargers/charging-sessions";
import { DataTable } from "@/components/ui/data-table";

/** OCPP 1.6's StopTransaction reasons (§7.46): said in words; anything else as it came. */
const STOP_REASONS = [
  "DeAuthorized",
  "EmergencyStop",
  "EVDisconnected",
  "HardReset",
  "Local",
  "Other",
  "PowerLoss",
  "Reboot",
  "Remote",
  "SoftReset",
  "UnlockCommand",
] as const;
type StopReason = (typeof STOP_REASONS)[number];
const isStopReason = (reason: string): reason is StopReason =>
  (STOP_REASONS as readonly string[]).includes(reason);

/** Charging sessions with their energy; anonymous while OCPP is on (the CS owns the driver). */
export function ChargingSessions({ sessions }: { sessions: ChargingSessionWithDriver[] }) {
  const t = useTranslations("charger.sessions");
  const format = useFormatter();
  const duration = (session: ChargingSessionWithDriver) => {
    const end = session.stoppedAt ?? session.sampledAt;
    const minutes = Math.max(0, Math.round((end.getTime() - session.startedAt.getTime()) / 60000));
    return minutes < 60
      ? t("minutes", { minutes })
      : t("hours", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  };
  const stopReason = (reason: string) =>
    isStopReason(reason) ? t(`stopReasons.${reason}`) : reason;
  /** Who charged: anonymous under OCPP; else the RFID user's label, or the card's UID. */
  const driver = (s: ChargingSessionWithDriver) => {
    if (s.anonymous) return t("anonymous");
    if (s.driverLabel)
      return s.idTag
        ? t("driverWithCard", { driver: s.driverLabel, card: s.idTag })
        : s.driverLabel;
    return s.idTag ? t("card", { card: s.idTag }) : "—";
  };
  return (
    <section
      aria-labelledby="sessions-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-surface p-6"
    >
      <h2 id="sessions-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <DataTable
        caption={t("title")}
        rows={sessions}
        rowKey={(s) => String(s.id)}
        empty={t("empty")}
        columns={[
          {
            key: "started",
            header: t("started"),
            className: "whitespace-nowrap",
            cell: (s) => format.dateTime(s.startedAt, "timestamp"),
          },
          { key: "duration", header: t("duration"), cell: duration },
          {
            key: "energy",
            header: t("energy"),
            // The unit in the message: Intl.NumberFormat has no kilowatt-hour (nor kilowatt) unit.
            cell: (s) =>
              t("kilowattHours", {
                energy: format.number(s.energyWh / 1000, {
                  minimumFractionDigits: 2,
                  maximumFractionDigits: 2,
                }),
              }),
          },
          { key: "driver", header: t("driver"), cell: driver },
          {
            key: "state",
            header: t("state"),
            cell: (s) =>
              s.status === "stopped"
                ? s.stopReason
                  ? t("endedWithReason", { reason: stopReason(s.stopReason) })
                  : t("ended")
                : t("charging", {
                    power: format.number(s.powerW / 1000, {
                      minimumFractionDigits: 1,
                      maximumFractionDigits: 1,
                    }),
                  }),
          },
        ]}
      />
    </section>
  );
}
