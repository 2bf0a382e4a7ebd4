// CALLERROR codes as OCPP-J 1.6 spells them (§4.2.3, Table 7), applied to what ocpp-rpc sends.
// ocpp-rpc is written for both 1.6 and 2.0.1: it answers an unparseable frame with
// `RpcFrameworkError` and an unknown message type with `MessageTypeNotSupported` (2.0.1 codes
// that 1.6 does not have), and "corrects" `OccurenceConstraintViolation` to two r's. The OCPP-J
// 1.6 errata sheet (§5.1, §5.2, "known issues that will not be fixed") keeps the original
// `OccurenceConstraintViolation` and `FormationViolation`, because changing a message-level
// value "might break implementations". So on a 1.6 connection every outgoing CALLERROR goes
// through `toOcpp16CallErrorCode`. The library is wrapped (its public `sendRaw`), not forked.

/** The ten codes of OCPP-J 1.6 §4.2.3, with the errata's spellings. */
export const OCPP16_CALL_ERROR_CODES = [
  "NotImplemented",
  "NotSupported",
  "InternalError",
  "ProtocolError",
  "SecurityError",
  "FormationViolation",
  "PropertyConstraintViolation",
  "OccurenceConstraintViolation",
  "TypeConstraintViolation",
  "GenericError",
] as const;
export type Ocpp16CallErrorCode = (typeof OCPP16_CALL_ERROR_CODES)[number];

const KNOWN = new Set<string>(OCPP16_CALL_ERROR_CODES);

/**
 * The 1.6 code for what ocpp-rpc (or a handler) chose:
 * - a frame that is not JSON, not an array, has a non-numeric type, an unknown type or a
 *   non-string id "is syntactically incorrect or not conform the PDU structure": FormationViolation;
 * - a CALL whose id is already being handled (§4.2.3's second situation) has no code of its
 *   own: GenericError;
 * - the spellings 2.0.1 corrected go back to 1.6's.
 */
export function toOcpp16CallErrorCode(code: string, description: string): Ocpp16CallErrorCode {
  switch (code) {
    case "OccurrenceConstraintViolation":
      return "OccurenceConstraintViolation";
    case "FormatViolation":
      return "FormationViolation";
    case "MessageTypeNotSupported":
      return "FormationViolation";
    case "RpcFrameworkError":
      return /already processing/i.test(description) ? "GenericError" : "FormationViolation";
    default:
      return KNOWN.has(code) ? (code as Ocpp16CallErrorCode) : "GenericError";
  }
}

/** A raw outgoing frame with its CALLERROR code in 1.6's spelling; other frames unchanged. */
export function toOcpp16Frame(frame: string): string {
  if (!frame.startsWith("[4")) return frame;
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame);
  } catch {
    return frame;
  }
  if (!Array.isArray(parsed) || parsed[0] !== 4 || typeof parsed[2] !== "string") return frame;
  const code = toOcpp16CallErrorCode(parsed[2], String(parsed[3] ?? ""));
  if (code === parsed[2]) return frame;
  parsed[2] = code;
  return JSON.stringify(parsed);
}

interface RawSender {
  readonly protocol?: string;
  sendRaw(message: string | Buffer): void;
}

/** Makes an ocpp-rpc client (or a server's client) send 1.6's codes on an ocpp1.6 connection. */
export function speakOcpp16CallErrors<T extends RawSender>(client: T): T {
  const send = client.sendRaw.bind(client);
  client.sendRaw = (message) =>
    send(
      typeof message === "string" && (client.protocol ?? "ocpp1.6") === "ocpp1.6"
        ? toOcpp16Frame(message)
        : message,
    );
  return client;
}
