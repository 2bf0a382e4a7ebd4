// Names shared by the e2e fixtures, the specs and the Playwright config (no database imports).
export const E2E_PASSWORD = "e2e-password-1";
export const PAGING_ADMIN = "admin@paging.test";
export const PAGING_CPO = "cpo@paging.test";
/** Turns two-step verification on and off in its own test; nobody else signs in as it. */
export const TWO_STEP_USER = "two-step@paging.test";
export const THROTTLE_USER = "throttle@paging.test";
/** Signs out everywhere in the session specs: no other spec may use this account. */
export const SESSIONS_USER = "sessions@paging.test";
/** Changes its language, time zone and theme in the i18n specs: nobody else signs in as it. */
export const PREFERENCES_USER = "preferences@ocpp.test";
export const OCPP_ADMIN = "admin@ocpp.test";
export const OCPP_CPO = "cpo@ocpp.test";
/** Virtual chargers of the OCPP specs: one per test, so no test depends on another. */
export const OCPP_CHARGERS = Array.from({ length: 9 }, (_, i) => `E2E-OCPP-${i + 1}`);
/** Tests its connection in the "Test connection" spec (nobody else changes its settings). */
export const PROBE_CHARGER = { serial: "E2E-PROBE", name: "Probe trial" };
/** Saved with the keyboard alone in the accessibility spec. */
export const KEYBOARD_CHARGER = { serial: "E2E-KBD", name: "Keyboard trial" };
/** Chargers whose status sequence the browser records (named apart from "Trial N"). */
export const SEQUENCE_CHARGERS = { "E2E-SEQ-A": "Sequence A", "E2E-SEQ-B": "Sequence B" };
export const SECURE_PASSWORD = "e2e-ocpp-password-0001";
/** Demo central system identities of the OCPP specs. */
export const E2E_CSMS_POLICIES = {
  "E2E-SLOW": { slowBootMs: 2500 },
  "E2E-SECURE": { password: SECURE_PASSWORD },
};

/** The e2e stack's factory key (PLUGBOARD_FACTORY_KEY): tests compute the PUK of a label. */
export const E2E_FACTORY_KEY = "e2e-factory-key-0123456789abcdef";

/** An organisation of its own for the dashboard spec: two virtual chargers on "Dash depot". */
export const DASH_ADMIN = "admin@dash.test";
export const DASH_CPO = "cpo@dash.test";
export const DASH_CHARGERS = { "E2E-DASH-1": "Dash one", "E2E-DASH-2": "Dash two" };

/** A Business organisation of its own for the bulk OCPP spec. */
export const BULK_ADMIN = "admin@bulk.test";
export const BULK_CPO = "cpo@bulk.test";
/** On the site "Bulk depot": three virtual chargers and one without OCPP. */
export const BULK_CHARGERS = ["E2E-BULK-1", "E2E-BULK-2", "E2E-BULK-3"];
export const BULK_NO_OCPP = "E2E-BULK-NO";
/** On the site "Bulk slow": configured one at a time, so a job can be cancelled midway. */
export const BULK_SLOW_CHARGERS = ["E2E-SLOW-1", "E2E-SLOW-2", "E2E-SLOW-3", "E2E-SLOW-4"];
/** On the site "Bulk restart": configured while the portal is killed and comes back. */
export const BULK_RESTART_CHARGERS = ["E2E-RST-1", "E2E-RST-2", "E2E-RST-3"];

/** An organisation of its own for the alerts spec: one virtual charger driven into error. */
export const ALERTS_ADMIN = "admin@alerts.test";
export const ALERTS_CPO = "cpo@alerts.test";
export const ALERTS_CHARGER = { serial: "E2E-ALERT-1", name: "Alert trial" };
