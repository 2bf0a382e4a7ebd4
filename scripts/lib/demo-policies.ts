// Identities the demo central system treats specially, so every OCPP outcome can be tried
// by hand (and by the browser tests). Any other identity is accepted.
export const DEMO_OCPP_PASSWORD = "plugboard-ocpp-demo-key";

export const DEMO_CSMS_POLICIES = {
  "CP-SECURE": { password: DEMO_OCPP_PASSWORD },
  "CP-REJECTED": "reject",
  "CP-PENDING": "pending",
  "CP-UNKNOWN": "unknown",
  "CP-SLOW": { slowBootMs: 3000 },
  "CP-NO-SUBPROTOCOL": "no_subprotocol",
  "CP-TIMEOUT": "silent",
} as const;

export function describePolicies(): string[] {
  return [
    `CP-SECURE    requires the password "${DEMO_OCPP_PASSWORD}" (HTTP 401 without it)`,
    "CP-REJECTED  BootNotification is Rejected",
    "CP-PENDING   BootNotification stays Pending",
    "CP-UNKNOWN   unknown identity (HTTP 404)",
    "CP-SLOW      accepted after 3 s (shows Connecting meanwhile)",
    "CP-NO-SUBPROTOCOL  the handshake comes back without the ocpp1.6 subprotocol",
    "CP-TIMEOUT   BootNotification is never answered (timeout)",
    "anything else is accepted",
  ];
}
