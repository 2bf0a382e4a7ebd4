import { describe, expect, it } from "vitest";
import { checkAnswers } from "./ocpp-j-answers";
import { expectedAnswer } from "./ocpp-j";

const handled = new Set(["Reset"]);
const frames = ['[2,"bad","Reset",{"type":"Warm"}]', '[2,"ok","Reset",{"type":"Soft"}]', "[3]"];
const expected = frames.map((f) => expectedAnswer(f, handled));
const refusal = [4, "bad", "FormationViolation", "", {}];
const stats = () => ({ refused: 0, answeredValid: 0 });

describe("checkAnswers", () => {
  it("passes one well-formed answer per answerable frame, and counts them", () => {
    const s = stats();
    checkAnswers(frames, expected, [refusal, [3, "ok", { status: "Accepted" }]], {
      stats: s,
      validCallMayBeRefused: false,
    });
    expect(s).toEqual({ refused: 1, answeredValid: 1 });
  });

  it("fails on a missing answer, an extra one, or a CALLRESULT that breaks the schema", () => {
    const options = { stats: stats(), validCallMayBeRefused: false };
    expect(() => checkAnswers(frames, expected, [refusal], options)).toThrow(/exactly 2 answers/);
    expect(() =>
      checkAnswers(frames, expected, [refusal, [3, "ok", { status: "Maybe" }]], options),
    ).toThrow(/valid for its action/);
    expect(() =>
      checkAnswers(frames, expected, [refusal, [3, "other", { status: "Accepted" }]], options),
    ).toThrow(/UniqueId "ok"/);
  });

  it("lets a valid CALL be refused only when allowed, and never with InternalError", () => {
    const refusedValid = [4, "ok", "NotSupported", "", {}];
    expect(() =>
      checkAnswers(frames, expected, [refusal, refusedValid], {
        stats: stats(),
        validCallMayBeRefused: false,
      }),
    ).toThrow(/gets a CALLRESULT/);
    checkAnswers(frames, expected, [refusal, refusedValid], {
      stats: stats(),
      validCallMayBeRefused: true,
    });
    expect(() =>
      checkAnswers(frames, expected, [refusal, [4, "ok", "InternalError", "", {}]], {
        stats: stats(),
        validCallMayBeRefused: true,
      }),
    ).toThrow(/InternalError/);
  });
});
