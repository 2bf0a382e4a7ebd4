// Validates a payload against the official OCPP 1.6J JSON schemas — the very validator ocpp-rpc
// uses in strict mode — for data the charger stores outside a live call (flash).
import standardValidators from "ocpp-rpc/lib/standard-validators.js";
import type { Ocpp16Action } from "./ocpp16.generated";

const validator = standardValidators.find((v) => v.subprotocol === "ocpp1.6");
if (!validator) throw new Error("ocpp-rpc has no OCPP 1.6 validator");
const ocpp16 = validator;

/** Null when valid, otherwise the schema error (paths and rules, never values). */
export function ocppSchemaProblem(
  action: Ocpp16Action,
  kind: "req" | "conf",
  payload: unknown,
): string | null {
  try {
    // The 1.6 schemas are synchronous: validate throws on a violation and returns a boolean.
    const checked = ocpp16.validate(`urn:${action}.${kind}`, payload);
    if (checked instanceof Promise) throw new Error("asynchronous schema: not an OCPP 1.6 one");
    return null;
  } catch (error) {
    return (error as Error).message || "invalid";
  }
}
