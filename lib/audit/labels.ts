// Words for the audit log's action names and outcomes; an unknown action shows as it is.
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  "charger.add": "Charger added",
  "ocpp.configure": "OCPP settings saved",
  "charger.restart": "Restart",
  "charger.factory_reset": "Factory reset",
  "charger.set_feature": "Feature changed",
  "charger.firmware_update": "Software update",
  "charger.rfid_card.add": "RFID user added",
  "charger.rfid_card.remove": "RFID user removed",
  "charger.rfid_card.sync": "RFID users sent again",
  "organization.change-plan": "Plan changed",
  "audit.export": "Audit log exported",
  "account.sign_out_everywhere": "Signed out everywhere",
  "account.two_step_on": "Turned two-step verification on",
  "account.two_step_off": "Turned two-step verification off",
};

export function auditActionLabel(action: string): string {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action]! : action;
}

export const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  pending: "Pending",
  success: "Success",
  failure: "Failure",
};

export function outcomeLabel(outcome: string): string {
  return Object.hasOwn(OUTCOME_LABELS, outcome) ? OUTCOME_LABELS[outcome]! : outcome;
}
