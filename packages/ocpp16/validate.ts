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

type RpcSchemaError = Error & { details?: { errors?: unknown; data?: unknown } };

/**
 * The OCPP 1.6 strict-mode validator for ocpp-rpc (its `strictModeValidators` option), minus
 * the echo: ocpp-rpc's own puts the whole offending payload into the CALLERROR's details, and
 * JSON.stringify overflows the stack on a deeply nested one (10,000 levels fit in 20 KB); the
 * library then closes the socket ("Unable to send call result", 1000) instead of answering,
 * so one message from a peer could knock the connection over (found by fuzzing). This one
 * keeps the error code, the description and the schema errors, and never sends the data back.
 */
export const ocpp16StrictValidator = {
  subprotocol: "ocpp1.6",
  validate(schemaId: string, params: unknown): unknown {
    try {
      return ocpp16.validate(schemaId, params);
    } catch (error) {
      const details = (error as RpcSchemaError).details;
      if (details && typeof details === "object" && "data" in details)
        (error as RpcSchemaError).details = { errors: details.errors };
      throw error;
    }
  },
};
