// The answer half of the OCPP-J property: the answers a receiver sent to one batch of frames,
// matched frame by frame (by UniqueId) with what the oracle expects.
import { ocppSchemaProblem, type Ocpp16Action } from "@plugboard/ocpp16";
import { isWellFormedCallError, type ExpectedAnswer } from "./ocpp-j";
import { check } from "./property-checks";

/** UniqueIds of the valid calls a property sends after each case to see the receiver is up. */
export const BARRIER_PREFIX = "barrier-";

/** A case's answers without the barrier's own. */
export function withoutBarriers(answers: readonly unknown[]): unknown[] {
  return answers.filter((a) => !(Array.isArray(a) && String(a[1]).startsWith(BARRIER_PREFIX)));
}

export interface AnswerStats {
  refused: number;
  answeredValid: number;
}

/**
 * Checks `answers` (the CALLRESULT/CALLERRORs sent back, barrier answers removed) against
 * `expected`, one per frame: exactly one answer per expected answer, none for the rest; a
 * refused frame gets a well-formed CALLERROR; a valid CALL gets a CALLRESULT valid for its
 * action — or, with `validCallMayBeRefused`, a CALLERROR other than InternalError.
 */
export function checkAnswers(
  frames: readonly string[],
  expected: readonly ExpectedAnswer[],
  answers: readonly unknown[],
  options: { stats: AnswerStats; validCallMayBeRefused: boolean },
): void {
  const wanted = expected.filter((e) => e.answer !== "none").length;
  check(answers.length === wanted, `exactly ${wanted} answers`, { frames, answers });
  const pending = [...answers];
  for (const [i, e] of expected.entries()) {
    if (e.answer === "none") continue;
    const at = pending.findIndex((a) => Array.isArray(a) && a[1] === e.id);
    const evidence = { frame: frames[i], answers };
    check(at >= 0, `an answer with UniqueId ${JSON.stringify(e.id)} to frame ${i}`, evidence);
    const [answer] = pending.splice(at, 1) as [unknown[]];
    const detail = { frame: frames[i], answer };
    if (e.answer === "error") {
      options.stats.refused += 1;
      check(
        isWellFormedCallError(answer),
        "a refused message gets a well-formed CALLERROR",
        detail,
      );
      continue;
    }
    options.stats.answeredValid += 1;
    const isResult = answer.length === 3 && answer[0] === 3;
    if (options.validCallMayBeRefused && !isResult) {
      check(isWellFormedCallError(answer), "a valid CALL gets a CALLRESULT or a CALLERROR", detail);
      check(answer[2] !== "InternalError", "a valid CALL is not answered InternalError", detail);
      continue;
    }
    check(isResult, "a valid CALL gets a CALLRESULT", detail);
    check(
      ocppSchemaProblem(e.action as Ocpp16Action, "conf", answer[2]) === null,
      "a CALLRESULT is valid for its action",
      detail,
    );
  }
}
