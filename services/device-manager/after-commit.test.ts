import { describe, expect, it } from "vitest";
import { createAfterCommit } from "./after-commit";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("notifications after commit", () => {
  it("sends a turn's notifications in one go, each distinct one once", async () => {
    const sent: Array<Array<[string, string]>> = [];
    const notifier = createAfterCommit(async (pairs) => void sent.push(pairs));
    notifier.notify("dm_outbox");
    notifier.notify("dm_command", "BN000001");
    notifier.notify("dm_outbox");
    notifier.notify("dm_command", "BN000002");
    notifier.notify("dm_command", "BN000001");
    expect(sent).toEqual([]); // not within the turn that committed
    await nextTurn();
    expect(sent).toEqual([
      [
        ["dm_outbox", ""],
        ["dm_command", "BN000001"],
        ["dm_command", "BN000002"],
      ],
    ]);
    notifier.notify("dm_outbox");
    await nextTurn();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual([["dm_outbox", ""]]);
  });

  it("reports a failed send and keeps sending later ones", async () => {
    const errors: unknown[] = [];
    let fail = true;
    const sent: string[] = [];
    const notifier = createAfterCommit(
      async (pairs) => {
        if (fail) throw new Error("connection lost");
        sent.push(...pairs.map(([channel]) => channel));
      },
      (error) => errors.push(error),
    );
    notifier.notify("dm_outbox");
    await nextTurn();
    await nextTurn();
    expect(errors).toHaveLength(1);
    fail = false;
    notifier.notify("dm_kick", "BN000003");
    await nextTurn();
    expect(sent).toEqual(["dm_kick"]);
  });
});
