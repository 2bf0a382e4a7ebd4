import type { ChargingSessionWithDriver } from "@/lib/chargers/charging-sessions";
import { formatDateTime } from "@/lib/format";

const kWh = (wh: number) => `${(wh / 1000).toFixed(2)} kWh`;

function duration(session: ChargingSessionWithDriver): string {
  const end = session.stoppedAt ?? session.sampledAt;
  const minutes = Math.max(0, Math.round((end.getTime() - session.startedAt.getTime()) / 60000));
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Who charged: anonymous under OCPP; else the RFID user's label, or the card's UID. */
function driver(s: ChargingSessionWithDriver): string {
  if (s.anonymous) return "Anonymous (OCPP)";
  if (s.driverLabel) return s.idTag ? `${s.driverLabel} (card ${s.idTag})` : s.driverLabel;
  return s.idTag ? `Card ${s.idTag}` : "—";
}

/** Charging sessions with their energy; anonymous while OCPP is on (the CS owns the driver). */
export function ChargingSessions({ sessions }: { sessions: ChargingSessionWithDriver[] }) {
  return (
    <section
      aria-labelledby="sessions-heading"
      className="rounded-lg border border-slate-200 bg-white p-6"
    >
      <h2 id="sessions-heading" className="text-lg font-semibold">
        Charging sessions
      </h2>
      {sessions.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No charging sessions yet.</p>
      ) : (
        <table className="mt-3 min-w-full text-sm">
          <caption className="sr-only">Charging sessions</caption>
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-4">
                Started
              </th>
              <th scope="col" className="py-1 pr-4">
                Duration
              </th>
              <th scope="col" className="py-1 pr-4">
                Energy
              </th>
              <th scope="col" className="py-1 pr-4">
                Driver
              </th>
              <th scope="col" className="py-1">
                State
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sessions.map((s) => (
              <tr key={s.id}>
                <td className="py-1 pr-4 whitespace-nowrap">{formatDateTime(s.startedAt)}</td>
                <td className="py-1 pr-4">{duration(s)}</td>
                <td className="py-1 pr-4">{kWh(s.energyWh)}</td>
                <td className="py-1 pr-4">{driver(s)}</td>
                <td className="py-1">
                  {s.status === "stopped"
                    ? `Ended${s.stopReason ? ` (${s.stopReason})` : ""}`
                    : `Charging · ${(s.powerW / 1000).toFixed(1)} kW`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
