import { describe, expect, it } from "vitest";
import { SUPERSEDE_WINDOW_MS, unseenChanges, type SentChange } from "./unseen-changes";

describe("unseenChanges", () => {
  const sent: SentChange[] = [
    ["A", "a1", 1_000],
    ["A", "a2", 1_050], // a1 superseded by this one
    ["B", "b1", 2_000],
    ["B", "b2", 2_000 + SUPERSEDE_WINDOW_MS + 1], // too late to supersede b1
    ["C", "c1", 3_000], // the last change of C
  ];

  it("counts nothing when every change reached every stream", () => {
    const seenBy = Object.fromEntries(sent.map(([, message]) => [message, 2]));
    expect(unseenChanges(sent, seenBy, 2)).toEqual({ superseded: 0, lost: [] });
  });

  it("tells changes a newer one of the same charger followed at once from lost ones", () => {
    const seenBy = { a1: 1, a2: 2, b1: 0, b2: 2, c1: 1 };
    expect(unseenChanges(sent, seenBy, 2)).toEqual({
      superseded: 1,
      lost: [
        ["B", "b1", 2_000],
        ["C", "c1", 3_000],
      ],
    });
  });

  it("orders each charger's changes by send time, whatever order they are listed in", () => {
    const seenBy = { a1: 0, a2: 2 };
    expect(unseenChanges([sent[1]!, sent[0]!], seenBy, 2)).toEqual({ superseded: 1, lost: [] });
  });
});
