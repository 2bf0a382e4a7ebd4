// OCPP-J 1.6 fuzzing, for either end of the socket: frames a hostile peer sends (text, JSON
// arrays, CALLs of real actions with broken payloads, answers to calls nobody made) and the
// oracle of what the receiver must answer.
//
// The oracle is OCPP-J 1.6 (§4.1-4.2) as ocpp-rpc implements it: an empty message is ignored;
// a CALLRESULT or CALLERROR is never answered; anything else is answered with a CALLERROR
// [4, id, code, description, details], whose id is the CALL's UniqueId when the message is a
// CALL with a string UniqueId ("-1" otherwise, ocpp-rpc's convention); a schema-valid CALL of
// a handled action may get a CALLRESULT instead.
import fc from "fast-check";
import { ocppSchemaProblem, type Ocpp16Action } from "@plugboard/ocpp16";
import { oversizedText, wrongValue } from "./hostile-values";
import { jsonMutation, mutated } from "./json-mutation";

export interface OcppCall {
  action: string;
  payload: unknown;
}

/** Above OCPP's CiString limits (20, 50, 500) and above a typical frame size. */
const oversized = oversizedText([21, 51, 501, 4_096, 70_000]);
const ocppMutation = jsonMutation(wrongValue(oversized));

/**
 * Each action's valid request with 1-3 mutations, kept only when it breaks the schema (a
 * mutation that stays valid, say an optional field of Reset removed, would really act).
 */
export function malformedCall(validRequests: Record<string, unknown>): fc.Arbitrary<OcppCall> {
  return fc
    .constantFrom(...Object.keys(validRequests))
    .chain((action) =>
      mutated(validRequests[action], ocppMutation, { rootToo: true }).map((payload) => ({
        action,
        payload,
      })),
    )
    .filter(({ action, payload }) => !isValidRequest(action, payload));
}

export function isValidRequest(action: string, payload: unknown): boolean {
  return ocppSchemaProblem(action as Ocpp16Action, "req", payload) === null;
}

/**
 * Any frame a hostile peer might send. `validCalls` are schema-valid CALLs the receiver may
 * act on (choose harmless ones); `deepAction` names the action of the deeply nested frame.
 */
export function ocppJFrame(options: {
  validRequests: Record<string, unknown>;
  validCalls: fc.Arbitrary<OcppCall>;
  deepAction: string;
}): fc.Arbitrary<string> {
  const actions = Object.keys(options.validRequests);
  const messageId = fc.oneof(
    fc.string({ unit: "binary", maxLength: 36 }),
    fc.uuid(),
    fc.constantFrom("", "-1", "__proto__", "constructor"),
    oversized,
  );
  const action = fc.oneof(
    fc.constantFrom(...actions),
    fc.string({ maxLength: 20 }),
    fc.constantFrom("__proto__", "constructor", "toString", "getconfiguration"),
  );
  const call = ([id, c]: [string, OcppCall]) => JSON.stringify([2, id, c.action, c.payload]);
  return fc.oneof(
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 120 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("", " ", "[]", "{}", "null", "[2]", '[2,"a"]', "[2,1,2,3]", "[3]"),
    },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 6 })
        .map((a) => JSON.stringify(a)),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(2, 3, 4, 0, 5, 2.5, -2, "2"),
          messageId,
          action,
          wrongValue(oversized),
        )
        .map((t) => JSON.stringify(t)),
    },
    {
      weight: 6,
      arbitrary: fc.tuple(messageId, malformedCall(options.validRequests)).map(call),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(messageId, action).map(([id, a]) => JSON.stringify([2, id, a])),
    },
    { weight: 2, arbitrary: fc.tuple(fc.uuid(), options.validCalls).map(call) },
    // Answers to calls nobody made.
    {
      weight: 2,
      arbitrary: fc
        .tuple(messageId, fc.jsonValue({ maxDepth: 2 }))
        .map(([id, p]) => JSON.stringify([3, id, p])),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          messageId,
          fc.string({ maxLength: 30 }),
          fc.string({ maxLength: 30 }),
          fc.jsonValue({ maxDepth: 2 }),
        )
        .map(([id, code, text, details]) => JSON.stringify([4, id, code, text, details])),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1_000, max: 30_000 })
        .map(
          (d) =>
            `[2,"deep",${JSON.stringify(options.deepAction)},${"[".repeat(d)}${"]".repeat(d)}]`,
        ),
    },
  );
}

/** A case: a few frames back to back (ocpp-rpc closes after 10 bad messages in a row). */
export function ocppJBatch(frame: fc.Arbitrary<string>): fc.Arbitrary<string[]> {
  return fc.array(frame, { minLength: 1, maxLength: 4 });
}

export type ExpectedAnswer =
  | { answer: "none" }
  /** A CALLERROR whose UniqueId is `id`. */
  | { answer: "error"; id: string }
  /** A schema-valid CALL: a CALLRESULT valid for `action`, or a CALLERROR, with this id. */
  | { answer: "any"; id: string; action: string };

/**
 * What OCPP-J says the receiver of `text` answers. `handled` are the actions with a handler
 * (NotImplemented CALLERROR for the others). Refused: everything but "any".
 */
export function expectedAnswer(text: string, handled: ReadonlySet<string>): ExpectedAnswer {
  if (text.length === 0) return { answer: "none" }; // ocpp-rpc ignores empty messages
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return { answer: "error", id: "-1" };
  }
  if (!Array.isArray(frame) || typeof frame[0] !== "number") return { answer: "error", id: "-1" };
  const [type, id, method, params] = frame as [number, unknown, unknown, unknown];
  if (type === 3 || type === 4) return { answer: "none" }; // results are never answered
  if (type !== 2 || typeof id !== "string") return { answer: "error", id: "-1" };
  if (typeof method !== "string" || !handled.has(method)) return { answer: "error", id };
  if (!isValidRequest(method, params)) return { answer: "error", id };
  return { answer: "any", id, action: method };
}

/** What the receiver sees of `text`: ws sends UTF-8, so a lone surrogate arrives as U+FFFD. */
export function asReceived(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}

export function isWellFormedCallError(
  frame: unknown,
): frame is [4, string, string, string, object] {
  return (
    Array.isArray(frame) &&
    frame.length === 5 &&
    frame[0] === 4 &&
    typeof frame[1] === "string" &&
    typeof frame[2] === "string" &&
    typeof frame[3] === "string" &&
    typeof frame[4] === "object" &&
    frame[4] !== null &&
    !Array.isArray(frame[4])
  );
}
