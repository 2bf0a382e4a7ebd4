// Words for a person: what each OCPP error reason means and what to check, and the seed's
// checklist for a charger that stays "Connecting".
import type { DisplayStatus } from "@/lib/chargers/status";

export interface ReasonHelp {
  title: string;
  hint: string;
}

const REASONS: Record<string, ReasonHelp> = {
  invalid_url: {
    title: "The central system URL is not valid",
    hint: "Check the URL on this tab: it must start with ws:// or wss:// and name a host.",
  },
  dns_not_found: {
    title: "The central system's host name was not found (DNS)",
    hint: "Check the spelling of the host in the URL, and that the charger's network has working DNS.",
  },
  connection_refused: {
    title: "Connection refused by the central system",
    hint: "Nothing is listening at that address and port. Check the port in the URL and that the central system is running.",
  },
  connection_timeout: {
    title: "The central system did not answer in time",
    hint: "Check the charger's network (a firewall or VPN may drop the traffic) and that the central system is reachable from it.",
  },
  tls_failure: {
    title: "The secure (TLS) connection failed",
    hint: "With wss://, the central system needs a valid certificate; check it, or whether the port expects ws:// instead.",
  },
  http_401: {
    title: "The central system refused the password (HTTP 401)",
    hint: "Set the password the CPO gave for this identity, or ask the CPO whether one is expected.",
  },
  http_404: {
    title: "The central system does not know this charger (HTTP 404)",
    hint: "Check the charge point identity and the URL's path; the identity must be registered in the central system.",
  },
  http_error: {
    title: "The central system answered the connection with an HTTP error",
    hint: "Check the URL's path and ask the CPO whether the central system is healthy.",
  },
  subprotocol_not_accepted: {
    title: "The server does not speak OCPP 1.6J",
    hint: "It did not accept the ocpp1.6 WebSocket subprotocol. Check that the URL is the central system's OCPP 1.6 endpoint.",
  },
  boot_rejected: {
    title: "The central system rejected the charger (BootNotification Rejected)",
    hint: "The CPO must accept this charge point identity in the central system; the charger retries at the interval it was given.",
  },
  boot_pending: {
    title: "The central system has not accepted the charger yet (BootNotification Pending)",
    hint: "The CPO must finish registering this charger in the central system.",
  },
  connection_lost: {
    title: "The connection to the central system was lost",
    hint: "The charger keeps retrying. Check the charger's network and the central system.",
  },
};

export function describeReason(reason: string | null): ReasonHelp {
  return (
    (reason && REASONS[reason]) || {
      title: "The charger cannot establish the connection",
      hint: "Check the network connection and the OCPP settings.",
    }
  );
}

/** From the seed's troubleshooting: "status stays Connecting". */
export const CONNECTING_CHECKLIST = [
  "Check the charger's network connection (Wi-Fi, Ethernet or mobile).",
  "Check the OCPP settings: the URL of the central system and the charge point identity.",
  "Behind a VPN, allow outbound connections to *.wall-box.com on ports 443 and 80.",
  "Ask the CPO whether the central system expects this identity and a password.",
];

export const STUCK_CONNECTING_MS = 2 * 60 * 1000;

export function isStuckConnecting(status: DisplayStatus, since: Date, now: Date): boolean {
  return status.key === "connecting" && now.getTime() - since.getTime() > STUCK_CONNECTING_MS;
}
